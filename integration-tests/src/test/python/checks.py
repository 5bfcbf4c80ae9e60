"""Named checks for the end-to-end scripts: each reported on its own line, all run even after a
failure, then 'N passed, N failed' (the line the Java tests that start these scripts look for)."""


class Checks:
    def __init__(self):
        self.results = []

    def check(self, name, fn):
        try:
            fn()
            self.results.append(True)
            print("ok   ", name)
        except Exception as e:  # report every failure, keep going
            self.results.append(False)
            print("FAIL ", name, "-", repr(e))

    def finish(self):
        """Prints the count; the exit status: 0 when every check passed."""
        passed = sum(self.results)
        print("%d passed, %d failed" % (passed, len(self.results) - passed))
        return 0 if passed == len(self.results) else 1

"""Where the test data (photos, the Chinese-CLIP vocabulary) is: CLIPSERVE_TESTDATA if set, else
testdata/ at the repository root. The Maven tests read the same directory."""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TESTDATA = os.environ.get("CLIPSERVE_TESTDATA") or os.path.join(ROOT, "testdata")
IMAGES = os.path.join(TESTDATA, "images")
VOCAB = os.path.join(TESTDATA, "vocab", "chinese-clip-vocab.txt")

package io.clipserve.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while it is open, through SLF4J (the server) and java.util.logging (grpc-java),
 * as text with any stack trace. Close it to stop capturing.
 */
public final class CapturedLogs implements AutoCloseable {
  private final ListAppender<ILoggingEvent> slf4j = new ListAppender<>();
  private final List<String> jul = new CopyOnWriteArrayList<>();
  private final Handler julHandler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      StringBuilder text = new StringBuilder(record.getLevel() + " " + record.getMessage());
      if (record.getThrown() != null) {
        text.append(" THROWN ").append(record.getThrown());
      }
      jul.add(text.toString());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  public CapturedLogs() {
    slf4j.start();
    root().addAppender(slf4j);
    LogManager.getLogManager().getLogger("").addHandler(julHandler);
  }

  /** Each line logged so far, with its stack trace if any. */
  public List<String> lines() {
    List<String> all = new java.util.ArrayList<>(jul);
    for (ILoggingEvent event : List.copyOf(slf4j.list)) {
      String text = event.getLevel() + " " + event.getFormattedMessage();
      if (event.getThrowableProxy() != null) {
        text += " THROWN " + ThrowableProxyUtil.asString(event.getThrowableProxy());
      }
      all.add(text);
    }
    return all;
  }

  @Override
  public void close() {
    root().detachAppender(slf4j);
    LogManager.getLogManager().getLogger("").removeHandler(julHandler);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}

package dev.graphshift.backfill.internal;

import dev.graphshift.backfill.BackfillProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with {@code \r}, for a backfill run from a terminal:
 * {@code [#########.........] 45.2% 452000/1000000 nodes 12345 rec/s ETA 0:00:44}. Used only when a
 * console is attached ({@code System.console() != null}); its caller limits how often it is redrawn.
 *
 * <p>Not thread-safe; confine to one thread.
 */
final class ConsoleProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream out;

  ConsoleProgressBar(PrintStream out) {
    this.out = out;
  }

  void draw(BackfillProgress p) {
    out.print('\r');
    out.print(render(p));
    out.flush();
  }

  void finish(BackfillProgress p) {
    draw(p);
    out.println();
    out.flush();
  }

  static String render(BackfillProgress p) {
    int filled = (int) Math.round(p.fraction() * WIDTH);
    StringBuilder sb = new StringBuilder(96);
    sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
    sb.append(String.format(Locale.ROOT, "%5.1f%% %d/%d %s %.0f rec/s", p.fraction() * 100, p.done(), p.total(),
        p.phase().key(), p.recordsPerSecond()));
    sb.append(" ETA ").append(p.eta().map(ConsoleProgressBar::clock).orElse("--:--:--"));
    return sb.toString();
  }

  private static String clock(Duration d) {
    long s = d.getSeconds();
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}

// Starts a real Solr 9 (embedded Jetty) on 127.0.0.1 for development and tests.
// Usage: java -cp 'LIB/*' Launcher.java SOLR_HOME PORT
// Exits non-zero with a one-line cause when the port is busy or a core fails to initialise.
import java.net.BindException;
import java.util.Map;
import java.util.Properties;
import org.apache.solr.core.CoreContainer;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

public class Launcher {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Launcher SOLR_HOME PORT");
      System.exit(64);
    }
    String home = args[0];
    int port = Integer.parseInt(args[1]);
    JettyConfig config =
        JettyConfig.builder().setPort(port).withPortRetryTime(0).stopAtShutdown(true).build();
    JettySolrRunner runner = new JettySolrRunner(home, new Properties(), config);
    try {
      runner.start();
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null) root = root.getCause();
      String cause = root instanceof BindException ? "port " + port + " is busy" : root.toString();
      System.err.println("solr: cannot start: " + cause);
      System.exit(1);
    }
    CoreContainer cores = runner.getCoreContainer();
    Map<String, CoreContainer.CoreLoadFailure> failures = cores.getCoreInitFailures();
    if (!failures.isEmpty()) {
      for (Map.Entry<String, CoreContainer.CoreLoadFailure> f : failures.entrySet()) {
        Throwable root = f.getValue().exception;
        while (root.getCause() != null) root = root.getCause();
        System.err.println("solr: core '" + f.getKey() + "' failed to initialise: " + root);
      }
      runner.stop();
      System.exit(2);
    }
    System.out.println("solr: ready at " + runner.getBaseUrl() + " with cores " + cores.getAllCoreNames());
    Thread.currentThread().join();
  }
}

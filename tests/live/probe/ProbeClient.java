// ProbeClient.java — connects with pgjdbc (DriverManager.getConnection)
// once per input line and prints one result line: "ok" or "error
// <message>". Input line: a JDBC URL, then tab-separated key=value
// properties. Built against Debian's libpostgresql-jdbc-java.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

public class ProbeClient {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        DriverManager.setLoginTimeout(5);
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split("\t");
            Properties props = new Properties();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq > 0)
                    props.setProperty(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
            try (Connection c = DriverManager.getConnection(parts[0], props)) {
                System.out.println("ok");
            } catch (Exception e) {
                String m = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
                System.out.println("error " + (m.length() > 200 ? m.substring(0, 200) : m));
            }
            System.out.flush();
        }
    }
}

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

public class PgTlsExample {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.setProperty("user", "order_app");
    props.setProperty("password", System.getenv("DB_PASSWORD"));
    props.setProperty("sslmode", "verify-full");
    props.setProperty("sslrootcert", "/etc/ssl/company-ca.pem");

    try (Connection conn = DriverManager.getConnection(
        "jdbc:postgresql://db.example.com:5432/orders", props)) {
      System.out.println(conn.isValid(2));
    }
  }
}

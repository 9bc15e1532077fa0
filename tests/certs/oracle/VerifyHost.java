// VerifyHost.java -- pgjdbc's own host name check (PGjdbcHostnameVerifier,
// what sslmode=verify-full runs) on a certificate file, for each host
// given: prints "host ok" or "host fail". The SSLSession it needs is a
// proxy that hands over the certificate, as a handshake would.
import java.io.FileInputStream;
import java.lang.reflect.Proxy;
import java.security.cert.X509Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLSession;
import org.postgresql.ssl.PGjdbcHostnameVerifier;

public class VerifyHost {
	public static void main(String[] args) throws Exception {
		X509Certificate cert;
		try (FileInputStream in = new FileInputStream(args[0])) {
			cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		final X509Certificate[] chain = {cert};
		SSLSession session = (SSLSession) Proxy.newProxyInstance(
			VerifyHost.class.getClassLoader(), new Class<?>[] {SSLSession.class},
			(proxy, method, margs) -> {
				if (method.getName().equals("getPeerCertificates"))
					return chain;
				return null;
			});
		for (int i = 1; i < args.length; i++) {
			boolean ok = PGjdbcHostnameVerifier.INSTANCE.verify(args[i], session);
			System.out.println(args[i] + " " + (ok ? "ok" : "fail"));
		}
	}
}

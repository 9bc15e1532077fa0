import os
import psycopg

conninfo = (
    "host=db.example.com port=5432 dbname=orders user=order_app "
    "sslmode=verify-full sslrootcert=/etc/ssl/company-ca.pem"
)

with psycopg.connect(conninfo, password=os.environ["DB_PASSWORD"]) as conn:
    with conn.cursor() as cur:
        cur.execute("select current_database(), current_user")
        print(cur.fetchone())

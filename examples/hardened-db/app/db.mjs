import fs from "node:fs";
import { Pool } from "pg";

const pool = new Pool({
  host: "db.example.com",
  port: 5432,
  database: "orders",
  user: "order_app",
  password: process.env.DB_PASSWORD,
  ssl: {
    ca: fs.readFileSync("/etc/ssl/company-ca.pem", "utf8"),
    rejectUnauthorized: true
  }
});

const result = await pool.query("select current_database() as db");
console.log(result.rows[0]);
await pool.end();


// The order service's database pool, as it was before the TLS review.
const { Pool } = require('pg');

const pool = new Pool({
  connectionString: 'postgres://order_app@db.example.com/orders',
  password: 'hunter2-orders',
  ssl: { rejectUnauthorized: false },
});

module.exports = pool;

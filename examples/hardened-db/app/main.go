package main

import (
	"context"
	"fmt"
	"os"

	"github.com/jackc/pgx/v5"
)

func main() {
	url := "postgres://order_app:" + os.Getenv("DB_PASSWORD") +
		"@db.example.com:5432/orders?sslmode=verify-full&sslrootcert=/etc/ssl/company-ca.pem"

	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		panic(err)
	}
	defer conn.Close(context.Background())

	var db string
	if err := conn.QueryRow(context.Background(), "select current_database()").Scan(&db); err != nil {
		panic(err)
	}
	fmt.Println(db)

// client_go.go DRIVER — connects with pgx v4 (pgx.Connect) or lib/pq (its
// connector, which sql.Open("postgres", ...) uses) once per input line and
// prints one result line: "ok" or "error <message>". Input line: a connection string.
// Built in GOPATH mode against Debian's golang-github-jackc-pgx-v4-dev and
// golang-github-lib-pq-dev (/usr/share/gocode).
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v4"
	"github.com/lib/pq"
)

func connectPgx(conn string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, conn)
	if err != nil {
		return err
	}
	return c.Close(ctx)
}

// connectPq opens one connection through lib/pq's connector: what
// sql.Open("postgres", conn) does for each connection, without
// database/sql's retries and background opener (they would make
// connections the probe cannot tie to one attempt).
func connectPq(conn string) error {
	c, err := pq.NewConnector(conn)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cn, err := c.Connect(ctx)
	if err != nil {
		return err
	}
	return cn.Close()
}

func main() {
	connect := connectPgx
	if len(os.Args) > 1 && os.Args[1] == "lib/pq" {
		connect = connectPq
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	for in.Scan() {
		conn, _, _ := strings.Cut(in.Text(), "\t")
		if err := connect(conn); err != nil {
			fmt.Println("error " + strings.Join(strings.Fields(err.Error()), " "))
		} else {
			fmt.Println("ok")
		}
	}
}

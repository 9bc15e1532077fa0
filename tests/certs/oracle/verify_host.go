// verify_host.go -- Go's own host name check (crypto/x509 VerifyHostname,
// what pgx, lib/pq and bun run for sslmode=verify-full through
// crypto/tls) on a certificate file, for each host given: prints
// "host ok" or "host fail".
package main

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	block, _ := pem.Decode(data)
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		panic(err)
	}
	for _, host := range os.Args[2:] {
		if cert.VerifyHostname(host) == nil {
			fmt.Println(host, "ok")
		} else {
			fmt.Println(host, "fail")
		}
	}
}

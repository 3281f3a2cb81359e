// Command ferretdb-launcher runs an embedded FerretDB 1.24 (SQLite backend) for Meldpunt.
//
// Usage: ferretdb-launcher -listen 127.0.0.1:27017 -dir ./data/db
//
// It prints "ready" on stdout once the listener accepts connections and exits
// cleanly on SIGTERM or SIGINT. It also keeps an "_id" index on every collection table
// that SQLite can really use (see idindex.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("dir", "data/db", "directory for the SQLite files")
	logLevel := flag.String("log-level", "error", "FerretDB log level (debug, info, warn, error)")
	idIndexEvery := flag.Duration("id-index-every", 250*time.Millisecond, "how often new collection tables are given their _id lookup index")
	flag.Parse()

	abs, err := filepath.Abs(*dir)
	if err != nil {
		fail(err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		fail(err)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
		Logger:    newLogger(*logLevel),
	})
	if err != nil {
		fail(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	// Before listening: existing databases get their lookup index at once.
	ids := newIDIndexer(abs)
	ids.sweep(ctx)
	defer ids.close()
	go ids.run(ctx, *idIndexEvery)

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// Announce readiness only once the port really accepts connections.
	go func() {
		for ctx.Err() == nil {
			c, err := net.DialTimeout("tcp", *listen, 200*time.Millisecond)
			if err == nil {
				_ = c.Close()
				fmt.Println("ready")
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()

	if err := <-done; err != nil && ctx.Err() == nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ferretdb-launcher:", err)
	os.Exit(1)
}

func newLogger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelError
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}

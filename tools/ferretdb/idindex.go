package main

// FerretDB 1.24's SQLite backend pushes down exactly one filter: equality on _id. It queries
// with the expression  _ferretdb_sjson->'$._id' = ?  but creates the unique _id index on
// _ferretdb_sjson->"_id". The two mean the same JSON path, yet SQLite matches index expressions
// by their text, so the planner ignores that index and every findById scans the whole table.
// This file gives every collection table an extra index on exactly the queried expression
// (architecture.md §4). It runs once before the listener opens and then every few hundred
// milliseconds, so tables created later (new collections, fresh databases) get it too.

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses
)

// idLookupExpr must match the text of FerretDB's metadata.IDColumn byte for byte.
const idLookupExpr = `_ferretdb_sjson->'$._id'`

// idIndexSuffix names the extra index; it cannot collide with FerretDB's own index names,
// which are the table name, an underscore and a MongoDB index name ("_id_", "a_1", …).
const idIndexSuffix = "__meldpunt_id_lookup"

type idIndexer struct {
	dir string
	mu  sync.Mutex
	dbs map[string]*sql.DB
}

func newIDIndexer(dir string) *idIndexer {
	return &idIndexer{dir: dir, dbs: map[string]*sql.DB{}}
}

func (x *idIndexer) run(ctx context.Context, every time.Duration) {
	if every <= 0 {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			x.sweep(ctx)
		}
	}
}

// sweep indexes every table of every database file that lacks the lookup index.
func (x *idIndexer) sweep(ctx context.Context) {
	files, err := filepath.Glob(filepath.Join(x.dir, "*.sqlite"))
	if err != nil {
		return
	}
	for _, f := range files {
		if err := x.sweepFile(ctx, f); err != nil && ctx.Err() == nil {
			fmt.Fprintln(os.Stderr, "ferretdb-launcher: _id index:", filepath.Base(f), err)
		}
	}
}

func (x *idIndexer) db(file string) (*sql.DB, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if db, ok := x.dbs[file]; ok {
		return db, nil
	}
	// Same settings as FerretDB's own pool: wait for locks rather than fail, WAL journal.
	uri := "file:" + file + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)"
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	x.dbs[file] = db
	return db, nil
}

// missing lists collection tables without the lookup index (one read of sqlite_master).
func missing(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT t.name FROM sqlite_master t
		WHERE t.type = 'table' AND t.name NOT LIKE '\_ferretdb\_%' ESCAPE '\'
		  AND t.name NOT LIKE 'sqlite\_%' ESCAPE '\'
		  AND NOT EXISTS (SELECT 1 FROM sqlite_master i
		                  WHERE i.type = 'index' AND i.tbl_name = t.name AND i.name = t.name || ?)`,
		idIndexSuffix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

func (x *idIndexer) sweepFile(ctx context.Context, file string) error {
	db, err := x.db(file)
	if err != nil {
		return err
	}
	tables, err := missing(ctx, db)
	if err != nil {
		return err
	}
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (%s)`,
			quoteIdent(t+idIndexSuffix), quoteIdent(t), idLookupExpr)
		if _, err := db.ExecContext(ctx, q); err != nil {
			// A table dropped between the listing and here is not an error worth reporting.
			if strings.Contains(err.Error(), "no such table") {
				continue
			}
			return err
		}
	}
	return nil
}

func (x *idIndexer) close() {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, db := range x.dbs {
		_ = db.Close()
	}
	x.dbs = map[string]*sql.DB{}
}

func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

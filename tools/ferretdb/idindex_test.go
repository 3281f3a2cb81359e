package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// The lookup index must be the one SQLite picks for the query FerretDB generates for {_id: v}.
func TestIDLookupIndexIsUsed(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, "meldpunt.sqlite")
	db, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	// The table and unique index exactly as FerretDB 1.24.2 creates them.
	for _, q := range []string{
		`CREATE TABLE "incidents_0a1b2c3d" (_ferretdb_sjson TEXT)`,
		`CREATE UNIQUE INDEX "incidents_0a1b2c3d__id_" ON "incidents_0a1b2c3d" (_ferretdb_sjson->"_id")`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	plan := func() string {
		var id, parent, notused int
		var detail string
		row := db.QueryRowContext(ctx, `EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM "incidents_0a1b2c3d" WHERE _ferretdb_sjson->'$._id' = ?`, `"x"`)
		if err := row.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		return detail
	}
	if p := plan(); !strings.HasPrefix(p, "SCAN") {
		t.Fatalf("expected FerretDB's own index to be unusable (a scan), got %q", p)
	}
	x := newIDIndexer(dir)
	defer x.close()
	x.sweep(ctx)
	// EXPLAIN alone does not notice a schema change made by another connection; a real read
	// does (as FerretDB's own queries do: SQLite re-prepares them on the changed schema).
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM "incidents_0a1b2c3d"`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if p := plan(); !strings.Contains(p, "USING INDEX incidents_0a1b2c3d"+idIndexSuffix) {
		t.Fatalf("expected the lookup index, got %q", p)
	}
	// A second sweep finds nothing to do.
	d, _ := x.db(file)
	if m, err := missing(ctx, d); err != nil || len(m) != 0 {
		t.Fatalf("missing after sweep: %v %v", m, err)
	}
}

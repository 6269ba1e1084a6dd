package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/stemmanews/stemma/index"
)

func migrateCmd(e *env) *cobra.Command {
	var keep bool
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Convert an index of an older format to the current one",
		Long: `Migrate converts the index at --db, written by an older stemma in an older
format, into the current format: it reads every document of the old index,
adds them again, in their order, to a new index beside it (DB.migrating),
and then puts the new index in place of the old, which is kept as DB.old
(--keep=false removes it). The old index is only read, so an interrupted
migration leaves it as it was; run the command again.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			tmp, old := e.db+".migrating", e.db+".old"
			if !index.Exists(e.db) {
				return fmt.Errorf("no index at %s", e.db)
			}
			if ix, err := index.Open(e.db, index.Options{ReadOnly: true}); err == nil {
				ix.Close()
				fmt.Fprintf(e.stdout, "%s is already in the current format (%d)\n", e.db, index.FormatVersion)
				return nil
			} else if !errors.Is(err, index.ErrFormat) {
				return err
			}
			if _, err := os.Stat(old); err == nil {
				return hintError{fmt.Errorf("%s exists", old), "move or remove it first"}
			}
			if err := os.RemoveAll(tmp); err != nil { // an interrupted run's
				return err
			}
			start := time.Now()
			p, err := index.Migrate(cmd.Context(), e.db, tmp, index.Options{}, nil)
			if err != nil {
				os.RemoveAll(tmp)
				return fmt.Errorf("migrating %s: %w", e.db, err)
			}
			if err := os.Rename(e.db, old); err != nil {
				return err
			}
			if err := os.Rename(tmp, e.db); err != nil {
				return fmt.Errorf("the new index is in %s and the old one in %s: %w", tmp, old, err)
			}
			fmt.Fprintf(e.stdout, "migrated %s to format %d: %d documents, %d duplicates in %s\n",
				e.db, index.FormatVersion, p.Added, p.Duplicates, time.Since(start).Round(time.Millisecond))
			if keep {
				fmt.Fprintf(e.stdout, "the old index is in %s\n", old)
				return nil
			}
			return os.RemoveAll(old)
		},
	}
	cmd.Flags().BoolVar(&keep, "keep", true, "keep the old index as DB.old")
	return cmd
}

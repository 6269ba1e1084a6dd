package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/watch"
)

func watchCmd(e *env) *cobra.Command {
	var opts watch.Options
	var once bool
	cmd := &cobra.Command{
		Use:   "watch [flags] FEED_URL...",
		Short: "Poll RSS, Atom or JSON feeds and index new entries as they appear",
		Long: `Watch polls each feed on an interval and adds its new entries to the index
(--db), where they are traceable at once. An entry that carries only a
summary has its page fetched and its article extracted.

Requests are conditional (ETag / Last-Modified), and the validators are kept
in the index, so a restarted watch asks only for what changed. A feed that
fails (network error, HTTP error, unparsable feed, unreachable entry page)
is retried after --min-backoff, doubling up to --max-backoff; no entry is
lost, since a feed's validators are kept only once its entries are indexed.
Entries already indexed (same URL or ID) are not fetched again.

With --once, every feed is polled one time and watch exits, with status 1 if
any poll failed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return e.watch(ctx, args, opts, once)
		},
	}
	f := cmd.Flags()
	f.DurationVar(&opts.Interval, "interval", watch.DefaultInterval, "time between two polls of a feed")
	f.DurationVar(&opts.MinBackoff, "min-backoff", watch.DefaultMinBackoff, "wait after a failed poll, doubled with each failure in a row")
	f.DurationVar(&opts.MaxBackoff, "max-backoff", watch.DefaultMaxBackoff, "longest wait after failures")
	f.BoolVar(&opts.NoFetch, "no-fetch", false, "index summary-only entries as they are, without fetching their pages")
	f.BoolVar(&once, "once", false, "poll every feed once and exit")
	return cmd
}

func (e *env) watch(ctx context.Context, feeds []string, opts watch.Options, once bool) error {
	ix, err := index.Open(e.db, index.Options{})
	if err != nil {
		return err
	}
	defer ix.Close()
	w, err := watch.New(ix, feeds, opts)
	if err != nil {
		return err
	}
	report := func(ev watch.Event) { fmt.Fprintf(e.stdout, "%v\n", ev) }
	if once {
		evs, err := w.Poll(ctx)
		failed := false
		for _, ev := range evs {
			report(ev)
			failed = failed || ev.Err != nil
		}
		if err != nil {
			return err
		}
		if failed {
			return exitError{code: 1}
		}
		return nil
	}
	if err := w.Run(ctx, report); err != nil && ctx.Err() == nil {
		return err
	}
	return nil
}

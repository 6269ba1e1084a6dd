package cluster_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/cluster"
	"github.com/stemmanews/stemma/index"
)

// Cluster an index: a wire story, a paper's copy of it with one word
// changed, and a blog's copy of the paper's.
func ExampleRun() {
	story := "The central bank raised its key lending rate by half a point on Tuesday, citing a surge in consumer prices. " +
		"Economists had expected a smaller move, and bond yields climbed sharply after the announcement."
	day := func(h int) time.Time { return time.Date(1987, 3, 3, h, 0, 0, 0, time.UTC) }
	paper := strings.Replace(story, "sharply", "steeply", 1)
	ix, err := index.Open("db", index.Options{FS: vfs.NewMem()})
	if err != nil {
		panic(err)
	}
	defer ix.Close()
	ix.Add(
		stemma.Doc{ID: "wire", Source: "wire", Date: day(9), Text: story},
		stemma.Doc{ID: "paper", Source: "paper", Date: day(15), Text: paper},
		stemma.Doc{ID: "blog", Source: "blog", Date: day(20), Text: strings.Replace(paper, "Tuesday", "Tuesday morning", 1)},
	)
	sum, err := cluster.Run(context.Background(), ix, cluster.RunOptions{Emit: func(rows []cluster.Row) error {
		for _, r := range rows {
			fmt.Printf("%-5s bytes %d-%d  parent %-5s similarity %.3f\n", r.ID, r.Begin, r.End, r.Parent, r.Similarity)
		}
		return nil
	}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d cluster, %d members, origin of the first: %s\n", sum.Clusters, sum.Members, sum.Largest[0].Origin)
	// Output:
	// wire  bytes 0-202  parent       similarity 0.000
	// paper bytes 0-202  parent wire  similarity 0.971
	// blog  bytes 0-210  parent paper similarity 0.986
	// 1 cluster, 3 members, origin of the first: wire
}

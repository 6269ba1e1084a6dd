package bench

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/baseline"
	"github.com/stemmanews/stemma/cluster"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/synth"
)

// ClusterResult measures `stemma cluster`: reprint families with a known
// genealogy (package synth), the real corpora, and speed, each beside
// MinHash-LSH in the same run.
type ClusterResult struct {
	Families []FamilyRun   `json:"families"`
	Real     *RealClusters `json:"real,omitempty"`
	Scale    *ClusterScale `json:"scale,omitempty"`
	Seconds  float64       `json:"seconds"`
}

// FamilyRun scores clusters and copy trees against generated families.
type FamilyRun struct {
	Name      string `json:"name"`
	Families  int    `json:"families"`
	Members   int    `json:"members"`
	Unrelated int    `json:"unrelated"`
	// Cluster quality over every document, each in the cluster where its
	// span is longest (a document in none is a cluster of its own): ARI
	// against the true families (unrelated articles are singletons),
	// purity (share of each cluster's documents from its main family,
	// weighted by size, over clusters of two or more) and completeness
	// (share of each family in its main cluster).
	ARI          float64 `json:"ari"`
	Purity       float64 `json:"purity"`
	Completeness float64 `json:"completeness"`
	// Parent edges: the share of non-root members whose reported parent
	// is the true one; dated members and undated ones apart; and among
	// edges with confidence ≥ 0.5.
	Edges             int     `json:"edges"`
	ParentAccuracy    float64 `json:"parent_accuracy"`
	DatedEdges        int     `json:"dated_edges"`
	DatedAccuracy     float64 `json:"dated_accuracy"`
	UndatedEdges      int     `json:"undated_edges"`
	UndatedAccuracy   float64 `json:"undated_accuracy"`
	ConfidentEdges    int     `json:"confident_edges"`
	ConfidentAccuracy float64 `json:"confident_accuracy"`
	// RootsRight counts families whose root is reported as a root.
	RootsRight          int     `json:"roots_right"`
	BoilerplatePassages int     `json:"boilerplate_passages"`
	Seconds             float64 `json:"seconds"`
	// The baseline: MinHash-LSH (0.8 and 0.5) all-pairs, connected
	// components as clusters, and as parent the earlier member (by date)
	// with the highest estimated Jaccard similarity.
	MinHash []MinHashClusters `json:"minhash"`
}

// MinHashClusters is the MinHash-LSH baseline at one threshold.
type MinHashClusters struct {
	Threshold      float64 `json:"threshold"`
	ARI            float64 `json:"ari"`
	Purity         float64 `json:"purity"`
	Completeness   float64 `json:"completeness"`
	ParentAccuracy float64 `json:"parent_accuracy"`
	DatedAccuracy  float64 `json:"dated_accuracy"`
	Seconds        float64 `json:"seconds"`
}

// RealClusters is `stemma cluster` over Reuters-21578 and BBC News.
type RealClusters struct {
	Docs    int              `json:"docs"`
	Summary *cluster.Summary `json:"summary"`
	// Exact duplicate pairs (package baseline) whose two documents share a
	// cluster.
	ExactDuplicates Recall `json:"exact_duplicates"`
	// Pairs with word-5-gram Jaccard ≥ 0.8 whose documents share a
	// cluster, and those MinHash-LSH 0.8 returns.
	Jaccard80        Recall `json:"jaccard_80"`
	MinHashJaccard80 Recall `json:"minhash_jaccard_80"`
	// Times: indexing, then the cluster job (all pairs, with aligned
	// passages, clusters and trees); MinHash-LSH all-pairs (signatures and
	// LSH, no passages) and the exact 5-gram Jaccard join at 0.8, on the
	// texts in memory.
	IndexSeconds     float64 `json:"index_seconds"`
	ClusterSeconds   float64 `json:"cluster_seconds"`
	ClusterCPU       float64 `json:"cluster_cpu_seconds"`
	MinHashSeconds   float64 `json:"minhash_seconds"`
	MinHashPairs     int     `json:"minhash_pairs"`
	ExactJoinSeconds float64 `json:"exact_join_seconds"`
	ExactJoinPairs   int     `json:"exact_join_pairs"`
}

// ClusterScale is one run of `stemma cluster` on a generated corpus (a
// million articles by default), as child processes.
type ClusterScale struct {
	Docs       int     `json:"docs"`
	Families   int     `json:"families"`
	FamilyDocs int     `json:"family_docs"`
	TextMB     float64 `json:"text_mb"`
	MemoryMB   int     `json:"memory_mb"`
	// Child processes: stemma index, then stemma cluster.
	IndexSeconds     float64 `json:"index_seconds"`
	IndexPeakRSSMB   float64 `json:"index_peak_rss_mb"`
	ClusterSeconds   float64 `json:"cluster_seconds"`
	ClusterPeakRSSMB float64 `json:"cluster_peak_rss_mb"`
	// PhaseSeconds is the cluster job's own timing of its phases.
	PhaseSeconds map[cluster.Phase]float64 `json:"phase_seconds"`
	Clusters     int                       `json:"clusters"`
	Members      int                       `json:"members"`
	ReusedShare  float64                   `json:"reused_share"`
	// Largest is the largest cluster's members, and LargestFamilies the
	// generated families among them; FamiliesTogether counts the families
	// whose members all share a cluster. A cluster that chains unrelated
	// stories together shows here as thousands of families.
	Largest          int `json:"largest"`
	LargestFamilies  int `json:"largest_families"`
	FamiliesTogether int `json:"families_together"`
	// MinHash-LSH 0.8 all-pairs over the same texts, in process.
	MinHashSeconds float64  `json:"minhash_seconds"`
	MinHashPairs   int      `json:"minhash_pairs"`
	Commands       []string `json:"commands"`
}

// familyOptions are the families the suite generates.
func familyOptions(undated float64) synth.FamilyOptions {
	return synth.FamilyOptions{MinSize: 3, MaxSize: 12, Outlets: 20, UndatedRate: undated}
}

// clusterSuite runs the cluster suite. reuters and bbc are the whole
// corpora (reuters may be a quick subset).
func clusterSuite(ctx context.Context, opts Options, reuters, bbc []stemma.Doc) (*ClusterResult, error) {
	start := time.Now()
	res := &ClusterResult{}
	families, unrelated := 400, 4000
	if opts.Quick {
		families, unrelated = 60, 600
	}
	pool, err := familyPool(reuters)
	if err != nil {
		return nil, err
	}
	for _, run := range []struct {
		name    string
		undated float64
	}{{"all dated", 0}, {"30% of copies undated", 0.3}} {
		fr, err := familySuite(ctx, pool, families, unrelated, familyOptions(run.undated))
		if err != nil {
			return nil, fmt.Errorf("families (%s): %w", run.name, err)
		}
		fr.Name = run.name
		res.Families = append(res.Families, *fr)
	}
	if res.Real, err = realClusters(ctx, append(append([]stemma.Doc(nil), reuters...), bbc...)); err != nil {
		return nil, fmt.Errorf("real corpora: %w", err)
	}
	if opts.ClusterScale > 0 && opts.Binary != "" {
		if res.Scale, err = clusterScale(ctx, opts, scalePool(reuters), opts.ClusterScale); err != nil {
			return nil, fmt.Errorf("scale: %w", err)
		}
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// familyPool returns the dated Reuters stories of 600 bytes or more that
// share no word 8-gram with another story, so that each family's root
// shares no passage with any other root: a family's truth is then its
// own.
func familyPool(corpus []stemma.Doc) ([]stemma.Doc, error) {
	seen := map[uint64]int{} // 8-gram → first story, or -1 when in several
	for i, d := range corpus {
		for _, h := range baseline.Shingles(d.Text, 8) {
			if j, ok := seen[h]; !ok {
				seen[h] = i
			} else if j != i {
				seen[h] = -1
			}
		}
	}
	shared := make([]bool, len(corpus))
	for i, d := range corpus {
		for _, h := range baseline.Shingles(d.Text, 8) {
			if seen[h] == -1 {
				shared[i] = true
				break
			}
		}
	}
	var pool []stemma.Doc
	for i, d := range corpus {
		if !shared[i] && d.Dated() && len(d.Text) >= 600 {
			pool = append(pool, d)
		}
	}
	if len(pool) == 0 {
		return nil, fmt.Errorf("no story fit for a family root")
	}
	return pool, nil
}

// scalePool returns the stories of 600 bytes or more: the roots of the
// scale corpus's families. It takes every such story, not only those of
// familyPool, so that fewer families share a root: a million-article
// corpus needs tens of thousands of families.
func scalePool(corpus []stemma.Doc) []stemma.Doc {
	var pool []stemma.Doc
	for _, d := range corpus {
		if len(d.Text) >= 600 {
			pool = append(pool, d)
		}
	}
	return pool
}

// familyTruth is the generated corpus and its truth.
type familyTruth struct {
	docs   []stemma.Doc
	family map[string]string // doc → family ID ("" for unrelated)
	parent map[string]string // doc → true parent ("" for a root)
	roots  []string
}

func makeFamilies(pool []stemma.Doc, families, unrelated int, fo synth.FamilyOptions) (*familyTruth, error) {
	g, err := synth.New(pool, synth.Options{Seed: 11})
	if err != nil {
		return nil, err
	}
	t := &familyTruth{family: map[string]string{}, parent: map[string]string{}}
	for n := range families {
		f, err := g.Family(n, fo)
		if err != nil {
			return nil, err
		}
		t.roots = append(t.roots, f.Members[0].Doc.ID)
		for _, m := range f.Members {
			t.docs = append(t.docs, m.Doc)
			t.family[m.Doc.ID] = f.ID
			t.parent[m.Doc.ID] = m.Parent
		}
	}
	bb, err := synth.NewBabbler(pool, 11)
	if err != nil {
		return nil, err
	}
	for n := range unrelated {
		d := bb.Article(n, fo.Outlets)
		t.docs = append(t.docs, d)
		t.family[d.ID] = ""
	}
	return t, nil
}

// familySuite generates families and unrelated articles, clusters them,
// and scores clusters and parents, beside MinHash-LSH.
func familySuite(ctx context.Context, pool []stemma.Doc, families, unrelated int, fo synth.FamilyOptions) (*FamilyRun, error) {
	t, err := makeFamilies(pool, families, unrelated, fo)
	if err != nil {
		return nil, err
	}
	res := &FamilyRun{Families: families, Unrelated: unrelated, Members: len(t.docs) - unrelated}
	start := time.Now()
	rows, sum, err := clusterDocs(ctx, t.docs, cluster.Options{})
	if err != nil {
		return nil, err
	}
	res.Seconds = time.Since(start).Seconds()
	res.BoilerplatePassages = sum.Link.BoilerplatePassages
	label, parent, conf := mainClusters(rows)
	pred := make([]string, len(t.docs))
	truth := make([]string, len(t.docs))
	for i, d := range t.docs {
		truth[i] = t.family[d.ID]
		if truth[i] == "" {
			truth[i] = d.ID
		}
		pred[i] = label[d.ID]
		if pred[i] == "" {
			pred[i] = d.ID
		}
	}
	res.ARI, res.Purity, res.Completeness = clusterScores(truth, pred)
	var right, dated, datedRight, undated, undatedRight, confident, confidentRight int
	dates := map[string]bool{}
	for _, d := range t.docs {
		dates[d.ID] = d.Dated()
	}
	for _, d := range t.docs {
		want, ok := t.parent[d.ID]
		if !ok || want == "" {
			continue
		}
		res.Edges++
		ok = parent[d.ID] == want
		if ok {
			right++
		}
		if dates[d.ID] {
			dated++
			if ok {
				datedRight++
			}
		} else {
			undated++
			if ok {
				undatedRight++
			}
		}
		if conf[d.ID] >= 0.5 {
			confident++
			if ok {
				confidentRight++
			}
		}
	}
	for _, r := range t.roots {
		if _, in := label[r]; in && parent[r] == "" {
			res.RootsRight++
		}
	}
	res.ParentAccuracy = share(right, res.Edges)
	res.DatedEdges, res.DatedAccuracy = dated, share(datedRight, dated)
	res.UndatedEdges, res.UndatedAccuracy = undated, share(undatedRight, undated)
	res.ConfidentEdges, res.ConfidentAccuracy = confident, share(confidentRight, confident)

	// The baseline on the same documents.
	texts := make([]string, len(t.docs))
	for i, d := range t.docs {
		texts[i] = d.Text
	}
	for _, th := range []float64{0.8, 0.5} {
		start := time.Now()
		m, err := baseline.NewMinHash(baseline.Options{Threshold: th})
		if err != nil {
			return nil, err
		}
		sigs := m.Signatures(texts)
		pairs := m.IndexSignatures(sigs).AllPairs()
		mc := MinHashClusters{Threshold: th, Seconds: time.Since(start).Seconds()}
		comp := components(len(texts), pairs)
		mpred := make([]string, len(texts))
		for i := range texts {
			mpred[i] = fmt.Sprint(comp[i])
		}
		mc.ARI, mc.Purity, mc.Completeness = clusterScores(truth, mpred)
		// Parent: the earlier member of the component (by date, then ID)
		// with the highest estimated Jaccard similarity.
		members := map[int][]int{}
		for i := range texts {
			members[comp[i]] = append(members[comp[i]], i)
		}
		var hit, dHit int
		for _, ms := range members {
			slices.SortFunc(ms, func(a, b int) int { return docOrder(t.docs[a], t.docs[b]) })
			for k, i := range ms {
				want := t.parent[t.docs[i].ID]
				if want == "" {
					continue
				}
				best, bestJ := -1, -1.0
				for _, j := range ms[:k] {
					if t.docs[i].Dated() && !t.docs[j].Dated() {
						continue
					}
					if e := baseline.Estimate(sigs[i], sigs[j]); e > bestJ {
						best, bestJ = j, e
					}
				}
				if best >= 0 && t.docs[best].ID == want {
					hit++
					if t.docs[i].Dated() {
						dHit++
					}
				}
			}
		}
		// Over every true edge: a member the baseline leaves alone has no
		// parent.
		mc.ParentAccuracy, mc.DatedAccuracy = share(hit, res.Edges), share(dHit, res.DatedEdges)
		res.MinHash = append(res.MinHash, mc)
	}
	return res, nil
}

// docOrder is the cluster order: dated by date, then undated, then by ID.
func docOrder(a, b stemma.Doc) int {
	switch {
	case a.Dated() && !b.Dated():
		return -1
	case !a.Dated() && b.Dated():
		return 1
	case a.Dated():
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.ID, b.ID)
}

// share is a/b, 0 when b is 0.
func share(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// components labels each document with the smallest index of its
// connected component under pairs.
func components(n int, pairs []baseline.Pair) []int {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, p := range pairs {
		a, b := find(p.A), find(p.B)
		if a < b {
			parent[b] = a
		} else if b < a {
			parent[a] = b
		}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = find(i)
	}
	return out
}

// mainClusters gives each document its main cluster (where its span is
// longest, ties to the smaller cluster number) and, there, its parent and
// the edge's confidence.
func mainClusters(rows []cluster.Row) (label, parent map[string]string, conf map[string]float64) {
	label, parent, conf = map[string]string{}, map[string]string{}, map[string]float64{}
	best := map[string]cluster.Row{}
	for _, r := range rows {
		b, ok := best[r.ID]
		if !ok || r.End-r.Begin > b.End-b.Begin || r.End-r.Begin == b.End-b.Begin && r.Cluster < b.Cluster {
			best[r.ID] = r
		}
	}
	for id, r := range best {
		label[id] = fmt.Sprint(r.Cluster)
		parent[id] = r.Parent
		conf[id] = r.Confidence
	}
	return label, parent, conf
}

// clusterScores returns the adjusted Rand index of pred against truth, the
// purity of pred's clusters of two or more, and the completeness of
// truth's classes.
func clusterScores(truth, pred []string) (ari, purity, completeness float64) {
	n := len(truth)
	cells := map[[2]string]int{}
	rowsum, colsum := map[string]int{}, map[string]int{}
	for i := range truth {
		cells[[2]string{truth[i], pred[i]}]++
		rowsum[truth[i]]++
		colsum[pred[i]]++
	}
	c2 := func(x int) float64 { return float64(x) * float64(x-1) / 2 }
	var sumCells, sumRows, sumCols float64
	for _, v := range cells {
		sumCells += c2(v)
	}
	for _, v := range rowsum {
		sumRows += c2(v)
	}
	for _, v := range colsum {
		sumCols += c2(v)
	}
	expected := sumRows * sumCols / c2(n)
	if den := (sumRows+sumCols)/2 - expected; den != 0 {
		ari = (sumCells - expected) / den
	} else {
		ari = 1
	}
	// Purity over predicted clusters of 2+, completeness over true classes
	// of 2+.
	maxIn := func(byKey func(k [2]string) string, size map[string]int) float64 {
		best := map[string]int{}
		for k, v := range cells {
			key := byKey(k)
			best[key] = max(best[key], v)
		}
		var num, den int
		for key, s := range size {
			if s < 2 {
				continue
			}
			num += best[key]
			den += s
		}
		if den == 0 {
			return 1
		}
		return float64(num) / float64(den)
	}
	purity = maxIn(func(k [2]string) string { return k[1] }, colsum)
	completeness = maxIn(func(k [2]string) string { return k[0] }, rowsum)
	return ari, purity, completeness
}

// clusterDocs indexes docs in a temporary index and clusters them in
// process.
func clusterDocs(ctx context.Context, docs []stemma.Doc, o cluster.Options) ([]cluster.Row, *cluster.Summary, error) {
	ix, done, err := tempIndex()
	if err != nil {
		return nil, nil, err
	}
	defer done()
	if err := ingestDocs(ctx, ix, docs); err != nil {
		return nil, nil, err
	}
	var rows []cluster.Row
	sum, err := cluster.Run(ctx, ix, cluster.RunOptions{Options: o, Emit: func(r []cluster.Row) error {
		rows = append(rows, r...)
		return nil
	}})
	return rows, sum, err
}

func ingestDocs(ctx context.Context, ix *index.Index, docs []stemma.Doc) error {
	i := 0
	_, err := ix.Ingest(ctx, func() (stemma.Doc, bool) {
		if i == len(docs) {
			return stemma.Doc{}, false
		}
		i++
		return docs[i-1], true
	}, nil)
	return err
}

// realClusters clusters Reuters and BBC together and checks the known
// repeats.
func realClusters(ctx context.Context, docs []stemma.Doc) (*RealClusters, error) {
	res := &RealClusters{Docs: len(docs)}
	ix, done, err := tempIndex()
	if err != nil {
		return nil, err
	}
	defer done()
	start := time.Now()
	if err := ingestDocs(ctx, ix, docs); err != nil {
		return nil, err
	}
	res.IndexSeconds = time.Since(start).Seconds()
	inCluster := map[string][]int64{}
	cpu0 := cpuSeconds()
	start = time.Now()
	sum, err := cluster.Run(ctx, ix, cluster.RunOptions{Emit: func(rows []cluster.Row) error {
		for _, r := range rows {
			inCluster[r.ID] = append(inCluster[r.ID], r.Cluster)
		}
		return nil
	}})
	if err != nil {
		return nil, err
	}
	res.ClusterSeconds = time.Since(start).Seconds()
	res.ClusterCPU = cpuSeconds() - cpu0
	res.Summary = sum
	shareCluster := func(a, b string) bool {
		for _, x := range inCluster[a] {
			if slices.Contains(inCluster[b], x) {
				return true
			}
		}
		return false
	}
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Text
	}
	dups := baseline.ExactDuplicates(texts)
	res.ExactDuplicates.Truth = len(dups)
	for _, p := range dups {
		if shareCluster(docs[p.A].ID, docs[p.B].ID) {
			res.ExactDuplicates.Found++
		}
	}
	res.ExactDuplicates.Rate = share(res.ExactDuplicates.Found, res.ExactDuplicates.Truth)

	start = time.Now()
	j80, err := baseline.ExactPairs(texts, 5, 0.8)
	if err != nil {
		return nil, err
	}
	res.ExactJoinSeconds = time.Since(start).Seconds()
	res.ExactJoinPairs = len(j80)
	start = time.Now()
	mh, err := baseline.AllPairs(texts, baseline.Options{})
	if err != nil {
		return nil, err
	}
	res.MinHashSeconds = time.Since(start).Seconds()
	res.MinHashPairs = len(mh)
	found := map[[2]int]bool{}
	for _, p := range mh {
		found[key(p.A, p.B)] = true
	}
	stemmaFound := map[[2]int]bool{}
	for _, p := range j80 {
		if shareCluster(docs[p.A].ID, docs[p.B].ID) {
			stemmaFound[key(p.A, p.B)] = true
		}
	}
	res.Jaccard80 = recall(j80, stemmaFound)
	res.MinHashJaccard80 = recall(j80, found)
	return res, nil
}

// cpuSeconds is the process's user and system CPU time so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// scaleMemoryMB is the --memory-mb of the scale run.
const scaleMemoryMB = 1024

// clusterScale writes a corpus of n articles (a quarter in families of 3
// to 12 members, the rest unrelated), indexes it and clusters it with the
// stemma binary as child processes, and runs MinHash-LSH over the same
// texts.
func clusterScale(ctx context.Context, opts Options, pool []stemma.Doc, n int) (*ClusterScale, error) {
	res := &ClusterScale{Docs: n, MemoryMB: scaleMemoryMB}
	work, err := os.MkdirTemp("", "stemma-cluster-scale-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	corpus := filepath.Join(work, "corpus.jsonl")
	texts, famSize, err := writeScaleCorpus(corpus, pool, n, res)
	if err != nil {
		return nil, err
	}
	db := filepath.Join(work, "db")
	run := func(args ...string) (float64, float64, error) {
		return runChild(exec.CommandContext(ctx, opts.Binary, args...))
	}
	idx := []string{"index", "--quiet", "--db", db, corpus}
	res.Commands = append(res.Commands, "stemma "+joinArgs(idx))
	if res.IndexSeconds, res.IndexPeakRSSMB, err = run(idx...); err != nil {
		return nil, err
	}
	sumPath := filepath.Join(work, "summary.json")
	cl := []string{"cluster", "--quiet", "--db", db, "--memory-mb", fmt.Sprint(scaleMemoryMB), "--out", filepath.Join(work, "clusters.jsonl"), "--summary-json", sumPath}
	res.Commands = append(res.Commands, "stemma "+joinArgs(cl))
	if res.ClusterSeconds, res.ClusterPeakRSSMB, err = run(cl...); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(sumPath)
	if err != nil {
		return nil, err
	}
	var sum cluster.Summary
	if err := json.Unmarshal(b, &sum); err != nil {
		return nil, err
	}
	res.Clusters, res.Members, res.ReusedShare = sum.Clusters, sum.Members, sum.ReusedShare
	res.PhaseSeconds = sum.PhaseSeconds
	if err := scaleFamilies(filepath.Join(work, "clusters.jsonl"), famSize, res); err != nil {
		return nil, err
	}

	start := time.Now()
	mh, err := baseline.AllPairs(texts, baseline.Options{})
	if err != nil {
		return nil, err
	}
	res.MinHashSeconds = time.Since(start).Seconds()
	res.MinHashPairs = len(mh)
	return res, nil
}

// scaleFamilies reads the clusters of the scale run and counts, for the
// generated families (famSize: each family's documents), how many have
// all their documents in one cluster and how many the largest cluster
// gathers.
func scaleFamilies(path string, famSize map[string]int, res *ClusterScale) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	type key struct {
		family  string
		cluster int64
	}
	sizes := map[int64]int{}
	together := map[key]int{} // a family's documents in a cluster (one row each)
	err = cluster.ReadRows(f, func(r cluster.Row) error {
		sizes[r.Cluster]++
		if fam, ok := familyOf(r.ID); ok {
			together[key{fam, r.Cluster}]++
		}
		return nil
	})
	if err != nil {
		return err
	}
	var largest int64
	for c, n := range sizes {
		if n > res.Largest || n == res.Largest && c < largest {
			largest, res.Largest = c, n
		}
	}
	whole := map[string]bool{}
	for k, n := range together {
		if k.cluster == largest {
			res.LargestFamilies++
		}
		if n == famSize[k.family] {
			whole[k.family] = true
		}
	}
	res.FamiliesTogether = len(whole)
	return nil
}

// familyOf returns the family of a generated family member's ID,
// "family-N-K".
func familyOf(id string) (string, bool) {
	if !strings.HasPrefix(id, "family-") {
		return "", false
	}
	i := strings.LastIndexByte(id, '-')
	return id[:i], i > len("family-")
}

func joinArgs(args []string) string {
	s := ""
	for i, a := range args {
		if i > 0 {
			s += " "
		}
		s += a
	}
	return s
}

// writeScaleCorpus writes n articles to path as JSONL and returns their
// texts, and the number of documents of each family.
func writeScaleCorpus(path string, pool []stemma.Doc, n int, res *ClusterScale) ([]string, map[string]int, error) {
	g, err := synth.New(pool, synth.Options{Seed: 5})
	if err != nil {
		return nil, nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	texts := make([]string, 0, n)
	famSize := map[string]int{}
	var bytes int64
	put := func(d stemma.Doc) error {
		texts = append(texts, d.Text)
		bytes += int64(len(d.Text))
		return enc.Encode(&d)
	}
	fo := familyOptions(0)
	for fam := 0; len(texts) < n/4; fam++ {
		f, err := g.Family(fam, fo)
		if err != nil {
			return nil, nil, err
		}
		res.Families++
		for _, m := range f.Members {
			if len(texts) == n {
				break
			}
			res.FamilyDocs++
			famSize[f.ID]++
			if err := put(m.Doc); err != nil {
				return nil, nil, err
			}
		}
	}
	bb, err := synth.NewBabbler(pool, 5)
	if err != nil {
		return nil, nil, err
	}
	for k := 0; len(texts) < n; k++ {
		if err := put(bb.Article(k, fo.Outlets)); err != nil {
			return nil, nil, err
		}
	}
	res.TextMB = float64(bytes) / 1e6
	if err := w.Flush(); err != nil {
		return nil, nil, err
	}
	return texts, famSize, f.Close()
}

// markdown writes the cluster section of the benchmarks page with p.
func (s *ClusterResult) markdown(p func(format string, args ...any)) {
	p("## Corpus map: reprint clusters and copy trees (`stemma cluster`)\n\n")
	p("`stemma cluster` aligns every pair of documents that share fingerprints, links the passages into reprint clusters, and gives each member the earlier member it most likely copied from (package `cluster`; output format in [cluster-jsonl.md](cluster-jsonl.md)). ")
	p("The same job runs on Apache Beam (module `beam`, `stemma-beam`); a test runs both on the same input and asserts identical clusters and parents.\n\n")
	if len(s.Families) > 0 {
		f0 := s.Families[0]
		p("**Families with a known genealogy.** `synth.Generator.Family` builds %d families of 3–12 members from Reuters-21578 stories that share no 5-gram Jaccard ≥ 0.2 with any other story: chains (each copy copies the previous one), fan-outs (every copy copies the root) and trees (a random earlier member), each copy changing 3 words of its parent's story (WordNet synonyms, so edits accumulate down a chain), sometimes dropping a sentence (15%%) or keeping an excerpt of at least half (10%%), published 1–48 hours after its parent by one of 20 made-up outlets that wrap their copies in their own header and footer (boilerplate). ", f0.Families)
		p("%d unrelated articles are mixed in (`synth.Babbler`: Reuters words in the order of a first-order Markov chain over them, shaped like Reuters stories). ", f0.Unrelated)
		p("A document's cluster is the one where its span is longest. ARI is over every document (unrelated articles are singletons); purity is over clusters of two or more, completeness over the families. ")
		p("The baseline clusters by MinHash-LSH all-pairs (connected components) and takes as parent the earlier member with the highest estimated Jaccard similarity.\n\n")
		p("| run | members | ARI | purity | completeness | parent accuracy | dated members | undated members | confidence ≥ 0.5 | roots right | MinHash 0.8 ARI / parent | MinHash 0.5 ARI / parent |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n")
		for _, f := range s.Families {
			und := "–"
			if f.UndatedEdges > 0 {
				und = fmt.Sprintf("%.3f (%d)", f.UndatedAccuracy, f.UndatedEdges)
			}
			p("| %s | %d | **%.4f** | %.4f | %.4f | %.3f (%d) | **%.3f** (%d) | %s | %.3f (%d) | %d / %d |", f.Name, f.Members, f.ARI, f.Purity, f.Completeness,
				f.ParentAccuracy, f.Edges, f.DatedAccuracy, f.DatedEdges, und, f.ConfidentAccuracy, f.ConfidentEdges, f.RootsRight, f.Families)
			for _, m := range f.MinHash {
				p(" %.4f / %.3f |", m.ARI, m.ParentAccuracy)
			}
			p("\n")
		}
		p("\nBoilerplate passages left out (the outlets' headers and footers): %d. ", f0.BoilerplatePassages)
		p("An undated copy's parent is chosen among the dated members and the longer undated ones, so a copy of an undated member can only be placed right when that member is ordered before it; those edges are marked `undated` and their confidence halved.\n\n")
	}
	if r := s.Real; r != nil && r.Summary != nil {
		sum := r.Summary
		p("**Real data: Reuters-21578 and BBC News together** (%d articles). %d clusters with %d members over %d documents; %.1f%% of the text is in a cluster passage (Reuters %s, BBC %s). %d passages aligned, %d left out as boilerplate (in %d groups). ",
			r.Docs, sum.Clusters, sum.Members, sum.ClusteredDocs, 100*sum.ReusedShare, outletShare(sum, "reuters"), outletShare(sum, "bbc"),
			sum.Link.Passages, sum.Link.BoilerplatePassages, sum.Link.BoilerplateGroups)
		p("Exact duplicate pairs in a common cluster: **%d of %d**. Pairs with word-5-gram Jaccard ≥ 0.8 in a common cluster: %d of %d (%.3f); MinHash-LSH 0.8 returns %d (%.3f).\n\n",
			r.ExactDuplicates.Found, r.ExactDuplicates.Truth, r.Jaccard80.Found, r.Jaccard80.Truth, r.Jaccard80.Rate, r.MinHashJaccard80.Found, r.MinHashJaccard80.Rate)
		p("| members | clusters |\n|---|---|\n")
		for _, b := range sum.BySize {
			switch {
			case b.Max == 0:
				p("| %d+ | %d |\n", b.Min, b.Clusters)
			case b.Min == b.Max:
				p("| %d | %d |\n", b.Min, b.Clusters)
			default:
				p("| %d–%d | %d |\n", b.Min, b.Max, b.Clusters)
			}
		}
		p("\nThe largest families (Reuters' biggest clusters are its wire templates: dividend notices, bond terms, filing lists):\n\n")
		for i, f := range sum.Largest {
			if i == 5 {
				break
			}
			span := "undated"
			if f.First != "" {
				span = fmt.Sprintf("%s to %s", f.First[:10], f.Last[:10])
			}
			p("- %d members, %s, origin `%s`: “%s”\n", f.Size, span, f.Origin, clip(f.Text, 140))
		}
		p("\n**Speed, all pairs with aligned passages** (same run, same %d texts): ", r.Docs)
		p("`stemma cluster` %.2f s (%.2f s of CPU) after indexing (%.1f s); MinHash-LSH 0.8 all-pairs %.2f s (%d pairs, no passages, no clusters); the exact 5-gram Jaccard join at 0.8 %.2f s (%d pairs).\n\n",
			r.ClusterSeconds, r.ClusterCPU, r.IndexSeconds, r.MinHashSeconds, r.MinHashPairs, r.ExactJoinSeconds, r.ExactJoinPairs)
	}
	if sc := s.Scale; sc != nil {
		p("**At scale.** %d articles (%.0f MB of text): %d families (%d documents) as above but rooted in every Reuters story of 600 bytes or more (so a root serves about two families), the rest unrelated articles (`synth.Babbler`). Both commands run as child processes; their peak RSS is their own VmHWM, read every 50 ms. ", sc.Docs, sc.TextMB, sc.Families, sc.FamilyDocs)
		p("`stemma index` %.0f s (peak RSS %.0f MB); `stemma cluster --memory-mb %d` **%.0f s, peak RSS %.0f MB**: %d clusters, %d members, %.1f%% of the text reused; the largest cluster has %d members from %d families, and %d of the %d families have all their documents in one cluster. MinHash-LSH 0.8 all-pairs over the same texts in memory: %.0f s, %d pairs.\n\n",
			sc.IndexSeconds, sc.IndexPeakRSSMB, sc.MemoryMB, sc.ClusterSeconds, sc.ClusterPeakRSSMB, sc.Clusters, sc.Members, 100*sc.ReusedShare, sc.Largest, sc.LargestFamilies, sc.FamiliesTogether, sc.Families, sc.MinHashSeconds, sc.MinHashPairs)
		if len(sc.PhaseSeconds) > 0 {
			p("The cluster job's phases (its `--summary-json`): ")
			for i, ph := range cluster.Phases {
				if i > 0 {
					p(", ")
				}
				p("%s %.0f s", ph, sc.PhaseSeconds[ph])
			}
			p(".\n\n")
		}
		for _, c := range sc.Commands {
			p("    %s\n", c)
		}
		p("\n")
	}
	p("Time for the whole suite: %.0f s.\n\n", s.Seconds)
}

func outletShare(s *cluster.Summary, name string) string {
	for _, o := range s.Outlets {
		if o.Outlet == name {
			return fmt.Sprintf("%.1f%%", 100*o.Share)
		}
	}
	return "–"
}

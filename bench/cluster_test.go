package bench

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stemmanews/stemma/cluster"
	"github.com/stemmanews/stemma/internal/testdata"
)

// TestClusterFamilies asserts the copy-tree floors on generated families
// with a known genealogy: clusters (ARI) and parents when dates are
// present.
func TestClusterFamilies(t *testing.T) {
	skipUnderRace(t)
	corpus, err := loadCorpus(filepath.Join(testdata.Dir(t), "reuters-21578.jsonl.gz"), 0)
	if err != nil {
		t.Fatal(err)
	}
	pool, err := familyPool(corpus)
	if err != nil {
		t.Fatal(err)
	}
	families, unrelated := 200, 2000
	if testing.Short() {
		families, unrelated = 60, 500
	}
	res, err := familySuite(context.Background(), pool, families, unrelated, familyOptions(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("families: ARI %.4f purity %.4f completeness %.4f; parents %.4f of %d (confident %.4f of %d); roots %d/%d; boilerplate passages %d; %.1f s",
		res.ARI, res.Purity, res.Completeness, res.DatedAccuracy, res.DatedEdges, res.ConfidentAccuracy, res.ConfidentEdges,
		res.RootsRight, res.Families, res.BoilerplatePassages, res.Seconds)
	for _, m := range res.MinHash {
		t.Logf("MinHash-LSH %.1f: ARI %.4f, parents %.4f", m.Threshold, m.ARI, m.ParentAccuracy)
	}
	if res.ARI < 0.95 {
		t.Errorf("ARI %.4f < 0.95", res.ARI)
	}
	if res.DatedAccuracy < 0.93 {
		t.Errorf("parent accuracy with dates %.4f < 0.93", res.DatedAccuracy)
	}
	if res.ConfidentAccuracy < 0.98 {
		t.Errorf("parent accuracy at confidence ≥ 0.5 is %.4f < 0.98", res.ConfidentAccuracy)
	}
	if res.BoilerplatePassages == 0 {
		t.Error("no boilerplate found, though every outlet wraps its copies in its own header and footer")
	}
	for _, m := range res.MinHash {
		if m.ARI >= res.ARI {
			t.Errorf("MinHash-LSH %.1f ARI %.4f ≥ stemma's %.4f", m.Threshold, m.ARI, res.ARI)
		}
	}
}

// TestClusterRealRepeats clusters Reuters-21578 and BBC News together and
// checks the known repeats: every exact-duplicate pair shares a cluster.
func TestClusterRealRepeats(t *testing.T) {
	skipUnderRace(t)
	dir := testdata.Dir(t)
	reuters, err := loadCorpus(filepath.Join(dir, "reuters-21578.jsonl.gz"), 0)
	if err != nil {
		t.Fatal(err)
	}
	bbc, err := loadCorpus(filepath.Join(dir, "bbc-news.jsonl.gz"), 0)
	if err != nil {
		t.Fatal(err)
	}
	res, err := realClusters(context.Background(), append(reuters, bbc...))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Summary
	t.Logf("%d clusters, %d members over %d documents, %.1f%% reused; exact duplicates %d/%d; J≥0.8 %d/%d (MinHash %d); cluster %.2f s (%.2f s CPU), MinHash %.2f s",
		s.Clusters, s.Members, s.ClusteredDocs, 100*s.ReusedShare, res.ExactDuplicates.Found, res.ExactDuplicates.Truth,
		res.Jaccard80.Found, res.Jaccard80.Truth, res.MinHashJaccard80.Found, res.ClusterSeconds, res.ClusterCPU, res.MinHashSeconds)
	if res.ExactDuplicates.Truth < 136 || res.ExactDuplicates.Found != res.ExactDuplicates.Truth {
		t.Errorf("exact duplicate pairs in a common cluster: %d of %d, want all (at least BBC's 136)", res.ExactDuplicates.Found, res.ExactDuplicates.Truth)
	}
	if res.Jaccard80.Rate < 0.97 {
		t.Errorf("pairs with Jaccard ≥ 0.8 in a common cluster: %.4f < 0.97", res.Jaccard80.Rate)
	}
	if res.Jaccard80.Rate <= res.MinHashJaccard80.Rate {
		t.Errorf("stemma's recall of J ≥ 0.8 pairs %.4f ≤ MinHash-LSH's %.4f", res.Jaccard80.Rate, res.MinHashJaccard80.Rate)
	}
}

// TestClusterScale runs the cluster suite's scale run once, on
// STEMMA_CLUSTER_SCALE articles, with a stemma binary built for it: the
// run behind the million-article figures of docs/benchmarks.md.
//
//	STEMMA_CLUSTER_SCALE=1000000 go test -run TestClusterScale -v -timeout 3h ./bench
func TestClusterScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("STEMMA_CLUSTER_SCALE"))
	if n <= 0 {
		t.Skip("set STEMMA_CLUSTER_SCALE to the number of articles")
	}
	skipUnderRace(t)
	bin := filepath.Join(t.TempDir(), "stemma")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/stemma").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus, err := loadCorpus(filepath.Join(testdata.Dir(t), "reuters-21578.jsonl.gz"), 0)
	if err != nil {
		t.Fatal(err)
	}
	res, err := clusterScale(context.Background(), Options{Binary: bin}, scalePool(corpus), n)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(res, "", "  ")
	t.Logf("%s", b)
}

func TestScaleFamilies(t *testing.T) {
	// Family 1 (3 documents) is whole in cluster 10, which also holds
	// family 2's first document; family 2's other document is in cluster
	// 20 only, so family 2 is split; an unrelated article is in 20.
	rows := []cluster.Row{
		{Cluster: 10, ID: "family-1-0"}, {Cluster: 10, ID: "family-1-1"}, {Cluster: 10, ID: "family-1-2"},
		{Cluster: 10, ID: "family-2-0"},
		{Cluster: 20, ID: "family-2-1"}, {Cluster: 20, ID: "unrelated-7"},
		{Cluster: 30, ID: "family-1-0"}, {Cluster: 30, ID: "family-1-1"},
	}
	path := filepath.Join(t.TempDir(), "clusters.jsonl")
	var b []byte
	for i := range rows {
		line, err := cluster.EncodeRow(&rows[i])
		if err != nil {
			t.Fatal(err)
		}
		b = append(append(b, line...), '\n')
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var res ClusterScale
	if err := scaleFamilies(path, map[string]int{"family-1": 3, "family-2": 2}, &res); err != nil {
		t.Fatal(err)
	}
	if res.Largest != 4 || res.LargestFamilies != 2 || res.FamiliesTogether != 1 {
		t.Errorf("largest %d from %d families, %d together; want 4 from 2, 1", res.Largest, res.LargestFamilies, res.FamiliesTogether)
	}
	if f, ok := familyOf("family-12-3"); !ok || f != "family-12" {
		t.Errorf("familyOf(family-12-3) = %q, %v", f, ok)
	}
	if _, ok := familyOf("unrelated-3"); ok {
		t.Error("familyOf(unrelated-3) is a family")
	}
}

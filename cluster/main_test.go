package cluster

// raceEnabled is set when the tests are built with -race: the tests over a
// whole corpus then skip.
var raceEnabled bool

// Package e2e holds stemma's end-to-end tests: they build the real stemma
// binary, index a corpus with `stemma index`, start `stemma serve`, and
// drive it from headless Chromium (Debian's chromium package) through the
// Chrome DevTools Protocol.
//
// It is a module of its own, so that the browser driver it needs
// (chromedp) is not a dependency of stemma. It imports no stemma package:
// it reads the example corpus and its ground truth from ../examples.
//
//	cd e2e && go test ./...
//
// Without chromium the tests are skipped, except under CI=true, where
// they fail. Screenshots are written to artifacts/ at the repository root.
package e2e

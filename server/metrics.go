package server

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the Prometheus metrics served on /metrics.
type metrics struct {
	handler      http.Handler
	requests     *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	inFlight     prometheus.Gauge
	traces       *prometheus.CounterVec
	traceSeconds prometheus.Histogram
	docsAdded    prometheus.Counter
	docsExisting prometheus.Counter
	docsSkipped  *prometheus.CounterVec
	damaged      prometheus.Counter
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	own := prometheus.NewRegistry()
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stemma_http_requests_total",
			Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "stemma_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "stemma_http_in_flight_requests",
			Help: "Requests being served, including those waiting for a slot.",
		}),
		traces: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stemma_traces_total",
			Help: "Articles traced, by input: pasted (API or form) or indexed (by ID).",
		}, []string{"input"}),
		traceSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "stemma_trace_duration_seconds",
			Help:    "Time spent tracing one article.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}),
		docsAdded: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "stemma_documents_added_total",
			Help: "Documents added to the index through the API.",
		}),
		docsExisting: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "stemma_documents_existing_total",
			Help: "Documents posted to the API whose ID was already indexed.",
		}),
		docsSkipped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stemma_documents_skipped_total",
			Help: "Records posted to the API and skipped, by reason.",
		}, []string{"reason"}),
		damaged: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "stemma_index_damaged_errors_total",
			Help: "Requests that failed because they met a damaged block of the index.",
		}),
	}
	cs := []prometheus.Collector{m.requests, m.latency, m.inFlight, m.traces, m.traceSeconds, m.docsAdded, m.docsExisting, m.docsSkipped, m.damaged}
	regs := []prometheus.Registerer{own}
	if reg != nil {
		regs = append(regs, reg)
	}
	for _, r := range regs {
		for _, c := range cs {
			if err := r.Register(c); err != nil {
				return nil, err
			}
		}
	}
	for _, c := range []prometheus.Collector{collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		if err := own.Register(c); err != nil && !errors.As(err, new(prometheus.AlreadyRegisteredError)) {
			return nil, err
		}
	}
	m.handler = promhttp.HandlerFor(own, promhttp.HandlerOpts{})
	return m, nil
}

func (m *metrics) observe(route, method string, status int, el time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(el.Seconds())
}

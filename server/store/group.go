package store

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orderwatch/orderwatch/server"
	"gorm.io/gorm"
)

// maxGroupMutations bounds the mutations one group commit carries (about ten pushes of 100):
// every push of a group is answered at its end, so a bigger group saves fsyncs but makes the
// first pushes in it wait for the last.
const maxGroupMutations = 1000

// groupCommit runs the pushes waiting for SQLite's only writer in one transaction: with
// synchronous=FULL every commit waits for an fsync, and 50 clients pushing back to back would
// otherwise queue one fsync each. Each push runs in its own savepoint, takes its user's
// counter inside the shared transaction (so versions still commit in counter order) and is
// answered only after the shared COMMIT. A push that fails with a domain error (an account
// deleted meanwhile) is rolled back to its savepoint alone; any other failure rolls the whole
// group back and every push of it is re-run in a transaction of its own, as without grouping.
type groupCommit struct {
	db   *DB
	jobs chan *pushJob // unbuffered: a job received is always finished before run stops
	quit chan struct{}
	done chan struct{}
	once sync.Once
	// largest is the most pushes committed together so far (for tests).
	largest atomic.Int64
}

type pushJob struct {
	ctx      context.Context
	userID   int64
	muts     []server.Mutation
	now      time.Time
	deriver  *deriver
	results  []server.MutationResult
	err      error
	finished chan struct{}
}

func startGroupCommit(db *DB) *groupCommit {
	g := &groupCommit{db: db, jobs: make(chan *pushJob), quit: make(chan struct{}), done: make(chan struct{})}
	go g.run()
	return g
}

// stop ends the committer once the group in progress is committed. It may be called again.
func (g *groupCommit) stop() {
	g.once.Do(func() { close(g.quit) })
	<-g.done
}

func (g *groupCommit) push(ctx context.Context, userID int64, muts []server.Mutation, now time.Time, d *deriver) ([]server.MutationResult, error) {
	j := &pushJob{ctx: ctx, userID: userID, muts: muts, now: now, deriver: d, finished: make(chan struct{})}
	select {
	case g.jobs <- j:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-g.quit:
		return nil, errors.New("store: closed")
	}
	// Once taken, a job is always finished (committed or failed): waiting here cannot hang,
	// and a client that went away meanwhile gets its result on retry (idempotency).
	<-j.finished
	return j.results, j.err
}

func (g *groupCommit) run() {
	defer close(g.done)
	for {
		var batch []*pushJob
		select {
		case j := <-g.jobs:
			batch = append(batch, j)
		case <-g.quit:
			return
		}
		n := len(batch[0].muts)
	gather:
		for n < maxGroupMutations {
			select {
			case j := <-g.jobs:
				batch = append(batch, j)
				n += len(j.muts)
			default:
				break gather
			}
		}
		if int64(len(batch)) > g.largest.Load() {
			g.largest.Store(int64(len(batch)))
		}
		g.commit(batch)
		for _, j := range batch {
			close(j.finished)
		}
	}
}

func (g *groupCommit) commit(batch []*pushJob) {
	if len(batch) > 1 && g.commitTogether(batch) == nil {
		return
	}
	for _, j := range batch {
		j.results, j.err = nil, nil
		if j.err = j.ctx.Err(); j.err != nil {
			continue
		}
		// Not the request's context: like a group, a push once started runs to its end (a
		// cancellable context also costs a goroutine per statement in the SQLite driver).
		j.err = g.db.w.Transaction(func(tx *gorm.DB) error {
			var err error
			j.results, err = g.db.push(tx, j.userID, j.muts, j.now, j.deriver)
			return err
		})
		if j.err != nil {
			j.results = nil
		}
	}
}

// commitTogether runs batch in one transaction; an error means nothing of it was committed.
func (g *groupCommit) commitTogether(batch []*pushJob) error {
	return g.db.w.Transaction(func(tx *gorm.DB) error {
		for _, j := range batch {
			if j.err = j.ctx.Err(); j.err != nil {
				continue // the client went away before its push started: nothing applied
			}
			j.err = tx.Transaction(func(sp *gorm.DB) error { // a savepoint
				var err error
				j.results, err = g.db.push(sp, j.userID, j.muts, j.now, j.deriver)
				return err
			})
			if j.err != nil {
				j.results = nil
				var se *server.Error
				if !errors.As(j.err, &se) {
					return j.err
				}
			}
		}
		return nil
	})
}

/**
 * One request per turn of the event loop.
 *
 * Without this, a worker reads every request that arrived while it was busy in one turn and
 * answers them all before it looks at anything else. Under load a turn then lasts as long as
 * twenty or thirty answers and nothing else gets in, in particular not a new connection:
 * cluster hands each one over by a message that the worker must acknowledge before it gets the
 * next, so 25 connections opened at once waited 25 ever longer turns, seconds for the last.
 * Here each request waits for its own turn (setImmediate: one per turn, in the order they were
 * read), and between two of them the worker reads its sockets and its messages.
 *
 * Answers from the response cache take their turn like the others (this hook runs before the
 * cache's). Letting them jump the queue made the median lower and the 99th percentile higher:
 * under load every computed answer then waits behind nearly every client's computed request,
 * instead of behind a mix of cheap and costly ones (bench:api search p99 230/190 ms first come,
 * first served, against 389/258 with cached answers first).
 *
 * Nothing is held: a handler that waits on real I/O lets the next request start on the next
 * turn.
 */
import type { FastifyInstance } from 'fastify';

export function installTurns(app: FastifyInstance): { waiting(): number } {
  let queue: (() => void)[] = [];
  let head = 0;
  let scheduled = false;
  const runNext = () => {
    const run = queue[head]!;
    queue[head++] = noop;
    if (head < queue.length) {
      setImmediate(runNext);
      // Under steady load the queue never empties: drop the part already run now and then.
      if (head >= 1024) {
        queue = queue.slice(head);
        head = 0;
      }
    } else {
      queue = [];
      head = 0;
      scheduled = false;
    }
    run();
  };
  app.addHook('preHandler', (_request, _reply, done) => {
    queue.push(done);
    if (!scheduled) {
      scheduled = true;
      setImmediate(runNext);
    }
  });
  return { waiting: () => queue.length - head };
}

function noop(): void {}

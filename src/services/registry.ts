import { EXTRACTOR, extractArticle } from '../pipeline/extract/extract.js';
import type { DatabaseHandle } from '../storage/database.js';
import { createRepositories, UnitOfWork, type TransactionalRepositories } from '../storage/unit-of-work.js';
import { PROCESS_SOURCE_JOB } from './capture.service.js';
import { EntityService } from './entity.service.js';
import { EventStatsService } from './event-stats.service.js';
import { EventService } from './event.service.js';
import { JobService } from './job.service.js';
import { SourceProcessingService } from './processing.service.js';
import { RecordAccessService } from './record-access.service.js';
import { ReviewService } from './review.service.js';
import { ViolationService } from './violation.service.js';
import type { EventId, SourceId } from '../domain/ids.js';
import { createSearchIndex } from '../storage/search/index.js';
import { SearchService } from './search.service.js';

export interface RecordServices {
  repositories: TransactionalRepositories;
  unitOfWork: UnitOfWork;
  processing: SourceProcessingService;
  jobs: JobService;
  review: ReviewService;
  events: EventService;
  entities: EntityService;
  violations: ViolationService;
  search: SearchService;
  stats: EventStatsService;
  access: RecordAccessService;
}

/**
 * The case-record services over one database, wired once: the CLI and the API both call
 * this, so there is one place that decides which repository each service gets.
 */
export function buildRecordServices(handle: DatabaseHandle, options: { now?: () => Date } = {}): RecordServices {
  const repos = createRepositories(handle.db);
  const unitOfWork = new UnitOfWork(handle.db);
  const now = options.now ?? (() => new Date());
  const search = new SearchService(createSearchIndex(handle), repos);
  const reindex = (ids: EventId[]) => search.indexEvents(ids);
  const processing = new SourceProcessingService(repos.sources, unitOfWork, { info: EXTRACTOR, run: extractArticle }, search, now);
  return {
    repositories: repos,
    unitOfWork,
    processing,
    jobs: new JobService(repos.jobs, { [PROCESS_SOURCE_JOB]: (id) => processing.process(id as SourceId) }, now),
    review: new ReviewService(repos.suggestions, repos, unitOfWork, now, reindex),
    events: new EventService(repos.events, repos.entities, repos.claims, repos.history, unitOfWork, now, reindex),
    entities: new EntityService(repos.entities, repos.events, repos.history, unitOfWork, now),
    violations: new ViolationService(unitOfWork, now, reindex),
    search,
    stats: new EventStatsService(repos.events, repos.entities, () => handle.changeToken()),
    access: new RecordAccessService(repos),
  };
}

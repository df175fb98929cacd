import { callCategorySchema, objectionTypeSchema, type CallAnalytics, type CallAnalyticsQuery } from '@call-assist/shared';
import { useLocation, useSearch } from 'wouter';
import { getCallAnalytics } from '../../api/analytics';
import { CATEGORY_COLOURS, CATEGORY_LABELS, OBJECTION_COLOURS, OBJECTION_LABELS, labelOf } from '../../ui/domain-labels';
import { formatDay } from '../../ui/dates';
import { EmptyState } from '../../ui/feedback';
import { RequestView } from '../../ui/RequestView';
import { useRequest } from '../../ui/use-request';
import { headline, percent, timelineSeries, topCounts } from './analytics-data';
import { analyticsQueryFromSearch, searchFromAnalyticsQuery } from './analytics-query';
import { ChartCard, NumbersTable } from './ChartCard';
import { HorizontalBarChart, StackedTimelineChart } from './charts';
import { PeriodFilter } from './PeriodFilter';

const TOP_TAGS = 12;

/** Outcomes, objections, tags and talking-point effectiveness over a period, as charts. */
export default function AnalyticsPage() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const query = analyticsQueryFromSearch(search);
  const canonical = searchFromAnalyticsQuery(query);
  const { reload, ...request } = useRequest((signal) => getCallAnalytics(query, signal), [canonical]);
  const show = (next: CallAnalyticsQuery) => {
    const nextSearch = searchFromAnalyticsQuery(next);
    navigate(nextSearch ? `/analytics?${nextSearch}` : '/analytics');
  };
  return (
    <section className="page analytics-page">
      <div className="page-header">
        <h1>Analytics</h1>
      </div>
      <PeriodFilter query={query} onChange={show} />
      <RequestView request={request} reload={reload} loadingLabel="Loading analytics…">
        {(analytics) => (analytics.totals.calls === 0 ? <EmptyState>No calls in this period.</EmptyState> : <AnalyticsView analytics={analytics} />)}
      </RequestView>
    </section>
  );
}

function AnalyticsView({ analytics }: { analytics: CallAnalytics }) {
  const figures = headline(analytics);
  const bucketWord = analytics.bucket === 'day' ? 'day' : 'week';
  const categories = timelineSeries(analytics.timeline, 'categories', callCategorySchema.options);
  const objectionsOverTime = timelineSeries(analytics.timeline, 'objections', objectionTypeSchema.options);
  const objectionRows = Object.entries(analytics.objections)
    .sort((a, b) => b[1].count - a[1].count)
    .map(([type, counts]) => ({ name: labelOf(OBJECTION_LABELS, type), raised: counts.count, overcome: counts.overcome }));
  const tags = topCounts(analytics.tags, TOP_TAGS);
  const points = analytics.talkingPoints.map((point) => ({ name: point.title, cardsFired: point.cardsFired, calls: point.calls, share: point.scheduledShare, scheduled: point.scheduled }));
  const timelineTable = (series: { rows: Record<string, string | number>[]; keys: string[] }, labels: Record<string, string>) => (
    <NumbersTable
      columns={[analytics.bucket === 'day' ? 'Day' : 'Week of', ...series.keys.map((key) => labelOf(labels, key))]}
      rows={series.rows.map((row) => [formatDay(String(row.start)), ...series.keys.map((key) => Number(row[key]))])}
    />
  );

  return (
    <div className="analytics" data-testid="analytics">
      <dl className="stat-tiles">
        <Stat label="Calls" value={String(figures.calls)} />
        <Stat label="Analysed" value={String(figures.analysed)} />
        <Stat label="Consults booked" value={String(figures.booked)} note={`${percent(figures.bookedShare)} of analysed calls`} />
        <Stat label="Objections raised" value={String(figures.objectionsRaised)} note={`${percent(figures.overcomeShare)} overcome`} />
        <Stat label="Cards fired" value={String(figures.cardsFired)} />
      </dl>
      <div className="chart-grid">
        <ChartCard
          title="Outcomes over time"
          description={`Analysed calls per ${bucketWord}, by outcome.`}
          testId="chart-outcomes"
          table={timelineTable(categories, CATEGORY_LABELS)}
        >
          {categories.keys.length === 0 ? (
            <EmptyState>No analysed calls in this period.</EmptyState>
          ) : (
            <StackedTimelineChart
              rows={categories.rows}
              label={`Analysed calls per ${bucketWord} by outcome`}
              series={categories.keys.map((key) => ({ key, label: labelOf(CATEGORY_LABELS, key), colour: (CATEGORY_COLOURS as Record<string, string>)[key] ?? '#8791a3' }))}
            />
          )}
        </ChartCard>
        <ChartCard
          title="Objections over time"
          description={`Objections raised per ${bucketWord}, by type.`}
          testId="chart-objections-over-time"
          table={timelineTable(objectionsOverTime, OBJECTION_LABELS)}
        >
          {objectionsOverTime.keys.length === 0 ? (
            <EmptyState>No objections in this period.</EmptyState>
          ) : (
            <StackedTimelineChart
              rows={objectionsOverTime.rows}
              label={`Objections per ${bucketWord} by type`}
              series={objectionsOverTime.keys.map((key) => ({ key, label: labelOf(OBJECTION_LABELS, key), colour: (OBJECTION_COLOURS as Record<string, string>)[key] ?? '#8791a3' }))}
            />
          )}
        </ChartCard>
        <ChartCard
          title="Objections and how often they were overcome"
          testId="chart-objections"
          table={<NumbersTable columns={['Objection', 'Raised', 'Overcome']} rows={objectionRows.map((row) => [row.name, row.raised, row.overcome])} />}
        >
          {objectionRows.length === 0 ? (
            <EmptyState>No objections in this period.</EmptyState>
          ) : (
            <HorizontalBarChart
              rows={objectionRows}
              label="Objections raised and overcome, by type"
              bars={[
                { key: 'raised', label: 'Raised', colour: '#d97706' },
                { key: 'overcome', label: 'Overcome', colour: '#1d7a46' },
              ]}
            />
          )}
        </ChartCard>
        <ChartCard
          title="Talking points: cards and bookings"
          description="Per talking point, of the calls it fired in, the share that booked a consult."
          testId="chart-talking-points"
          table={
            <NumbersTable
              columns={['Talking point', 'Cards fired', 'Calls', 'Booked', 'Booked share']}
              rows={points.map((point) => [point.name, point.cardsFired, point.calls, point.scheduled, percent(point.share)])}
            />
          }
        >
          {points.length === 0 ? (
            <EmptyState>No talking point fired in this period.</EmptyState>
          ) : (
            <>
              {/* Calls and bookings side by side: the share is the one bar against the other, and a 0 % point still shows. */}
              <HorizontalBarChart
                rows={points}
                label="Calls each talking point fired in, and how many of them booked a consult"
                bars={[
                  { key: 'calls', label: 'Calls it fired in', colour: '#2456d6' },
                  { key: 'scheduled', label: 'Booked a consult', colour: '#1d7a46' },
                ]}
              />
              <ul className="point-legend small-text">
                {points.map((point) => (
                  <li key={point.name}>
                    <strong>{point.name}</strong>: {point.cardsFired} {point.cardsFired === 1 ? 'card' : 'cards'} in {point.calls} {point.calls === 1 ? 'call' : 'calls'}, {point.scheduled} booked ({percent(point.share)})
                  </li>
                ))}
              </ul>
            </>
          )}
        </ChartCard>
        <ChartCard
          title="Tags"
          description={Object.keys(analytics.tags).length > TOP_TAGS ? `The ${TOP_TAGS} most used tags.` : 'Calls per tag.'}
          testId="chart-tags"
          table={<NumbersTable columns={['Tag', 'Calls']} rows={tags.map((tag) => [tag.key, tag.count])} />}
        >
          {tags.length === 0 ? (
            <EmptyState>No tags in this period.</EmptyState>
          ) : (
            <HorizontalBarChart rows={tags.map((tag) => ({ name: tag.key, calls: tag.count }))} label="Calls per tag" bars={[{ key: 'calls', label: 'Calls', colour: '#0891b2' }]} />
          )}
        </ChartCard>
      </div>
    </div>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="stat-tile">
      <dt>{label}</dt>
      <dd>
        <span className="stat-value">{value}</span>
        {note && <span className="stat-note">{note}</span>}
      </dd>
    </div>
  );
}

// Coverage for the coming week: per language, the hours with no trained volunteer signed up, as a chart and a list.
import { useAdminT } from '../i18n/admin';
import { useOnCallT } from '../i18n/oncall';
import { errorText } from './adminApi';
import { CoverageChart } from './CoverageChart';
import { formatDateTime, formatTime } from './format';
import type { PanelProps } from './panel';
import { useLoad } from './useLoad';

export function CoveragePanel(props: PanelProps) {
  const t = useAdminT();
  const w = useOnCallT();
  const { api } = props;
  const { data, error, loading, reload } = useLoad(() => api.coverage(), [api]);

  const range = (startsAt: string, endsAt: string) => {
    const sameDay = new Date(startsAt).toDateString() === new Date(Date.parse(endsAt) - 1).toDateString();
    return t.coverage.range(formatDateTime(startsAt), sameDay ? formatTime(endsAt) : formatDateTime(endsAt));
  };

  return (
    <section className="admin-section stack" aria-labelledby="coverage-heading">
      <h1 id="coverage-heading" tabIndex={-1} ref={props.headingRef}>
        {t.coverage.heading}
      </h1>
      <p className="hint">{t.coverage.intro}</p>
      {error ? (
        <p className="card card--error" role="alert">
          {errorText(error, t.common.generic)}{' '}
          <button type="button" className="link-button" onClick={() => void reload()}>
            {t.common.retry}
          </button>
        </p>
      ) : null}
      {loading && !data ? <p className="hint">{t.common.loading}</p> : null}
      {data ? (
        <>
          <p className="coverage-legend" aria-hidden="true">
            <span className="coverage-legend__swatch coverage-legend__swatch--gap" /> {t.coverage.legendGap}
            <span className="coverage-legend__swatch coverage-legend__swatch--covered" /> {t.coverage.legendCovered}
          </p>
          {data.languages.map((lang) => (
            <article key={lang.language} className="card stack coverage" aria-labelledby={`coverage-${lang.language}`}>
              <div className="coverage__head">
                <h2 id={`coverage-${lang.language}`} className="card__title">
                  {t.languages[lang.language]}
                </h2>
                <span className={`badge ${lang.uncoveredHours > 0 ? 'badge--urgent' : 'badge--on'}`}>
                  {lang.uncoveredHours > 0 ? t.coverage.uncovered(lang.uncoveredHours) : t.coverage.fullyCovered}
                </span>
              </div>
              <CoverageChart
                from={data.from}
                to={data.to}
                gaps={lang.gaps}
                label={t.coverage.chartLabel(t.languages[lang.language], lang.uncoveredHours)}
              />
              {lang.gaps.length > 0 ? (
                <details>
                  <summary>
                    {t.coverage.gapsHeading} ({lang.gaps.length})
                  </summary>
                  <ul className="coverage__gaps">
                    {lang.gaps.map((g) => (
                      <li key={g.startsAt}>{range(g.startsAt, g.endsAt)}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </article>
          ))}
          <article className="card stack coverage" aria-labelledby="coverage-supervisors">
            <div className="coverage__head">
              <h2 id="coverage-supervisors" className="card__title">
                {w.supervisorsHeading}
              </h2>
              <span className={`badge ${data.supervisors.uncoveredHours > 0 ? 'badge--urgent' : 'badge--on'}`}>
                {data.supervisors.uncoveredHours > 0 ? w.supervisorsUncovered(data.supervisors.uncoveredHours) : w.supervisorsCovered}
              </span>
            </div>
            <p className="hint">{w.supervisorsIntro}</p>
            <CoverageChart from={data.from} to={data.to} gaps={data.supervisors.gaps} label={w.supervisorsChartLabel(data.supervisors.uncoveredHours)} />
            {data.supervisors.gaps.length > 0 ? (
              <details>
                <summary>
                  {t.coverage.gapsHeading} ({data.supervisors.gaps.length})
                </summary>
                <ul className="coverage__gaps">
                  {data.supervisors.gaps.map((g) => (
                    <li key={g.startsAt}>{range(g.startsAt, g.endsAt)}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </article>
        </>
      ) : null}
    </section>
  );
}

import { t } from '@/lib/i18n';
import type { LibraryFilters } from '@/lib/library/filters';

export interface FilterBarProps {
  query: string;
  filters: LibraryFilters;
  tags: [string, number][];
  sites: [string, number][];
  onQuery(query: string): void;
  onFilters(filters: LibraryFilters): void;
}

export default function FilterBar({
  query,
  filters,
  tags,
  sites,
  onQuery,
  onFilters,
}: FilterBarProps) {
  const set = <K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]) =>
    onFilters({ ...filters, [key]: value });
  return (
    <div class="filter-bar" role="search">
      <input
        type="search"
        class="search-input"
        data-testid="search-input"
        placeholder={t('filter_search_placeholder')}
        aria-label={t('filter_search_label')}
        value={query}
        onInput={(event) => onQuery(event.currentTarget.value)}
      />
      <div class="filters">
        <label>
          {t('filter_tag')}
          <select
            data-testid="tag-filter"
            value={filters.tag}
            onChange={(event) => set('tag', event.currentTarget.value)}
          >
            <option value="">{t('filter_all_tags')}</option>
            {tags.map(([tag, count]) => (
              <option key={tag} value={tag}>
                {tag} ({count})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter_site')}
          <select
            data-testid="site-filter"
            value={filters.site}
            onChange={(event) => set('site', event.currentTarget.value)}
          >
            <option value="">{t('filter_all_sites')}</option>
            {sites.map(([site, count]) => (
              <option key={site} value={site}>
                {site} ({count})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter_from')}
          <input
            type="date"
            data-testid="date-from"
            value={filters.from}
            onChange={(event) => set('from', event.currentTarget.value)}
          />
        </label>
        <label>
          {t('filter_to')}
          <input
            type="date"
            data-testid="date-to"
            value={filters.to}
            onChange={(event) => set('to', event.currentTarget.value)}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            data-testid="has-highlights"
            checked={filters.hasHighlights}
            onChange={(event) => set('hasHighlights', event.currentTarget.checked)}
          />
          {t('filter_has_highlights')}
        </label>
      </div>
    </div>
  );
}

/** One tab of a page: what it shows and, when known, how many items it holds. */
export interface PageTab<T extends string> {
  value: T;
  label: string;
  count?: number | undefined;
}

/**
 * A page's tabs (待审批 / 已处理, 待跟进 / 已记录), styled by `styles/page-tabs.css`. The page keeps
 * which one is selected; `onSelect` runs on every click, even of the selected tab, so a page can
 * clear its notice.
 */
export function PageTabs<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
}: {
  /** What the tabs are of, for screen readers (the page title). */
  label: string;
  tabs: readonly PageTab<T>[];
  selected: T;
  onSelect: (value: T) => void;
}) {
  return (
    <div className="page-tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.value}
          type="button"
          role="tab"
          aria-selected={selected === tab.value}
          className={`page-tab${selected === tab.value ? ' active' : ''}`}
          onClick={() => onSelect(tab.value)}
        >
          {tab.label}
          {tab.count === undefined ? null : <span className="page-tab-count">{tab.count}</span>}
        </button>
      ))}
    </div>
  );
}

/**
 * Sentinel's built-in workspace functions, written out as KQL before parsing. `_GetWatchlist('alias')`
 * (https://learn.microsoft.com/azure/sentinel/watchlists-queries) returns the latest, not deleted version of each
 * item of a watchlist, with SearchKey, the item's columns and WatchlistItem: it becomes a subquery over the
 * Watchlist table as kqlwatch stores it (src/ingest/watchlist.ts). The alias must be a literal, as in Sentinel
 * rules. Diagnostics after the call point at the expanded text.
 */

const GET_WATCHLIST = /_GetWatchlist\(\s*(['"])([^'"\\]+)\1\s*\)/g;

function watchlistQuery(alias: string): string {
  const a = alias.replace(/'/g, "\\'");
  return `(Watchlist | where _DTItemType == 'watchlist-item' and WatchlistAlias == '${a}'`
    + ` | summarize arg_max(_DTTimestamp, _DTItemStatus, LastUpdatedTimeUTC, SearchKey, WatchlistItem) by _DTItemId`
    + ` | where _DTItemStatus != 'Delete' | project-away _DTTimestamp, _DTItemStatus`
    + ` | extend _kqw_item = WatchlistItem | evaluate bag_unpack(_kqw_item, columnsConflict='keep_source'))`;
}

/** The query text with Sentinel functions expanded (unchanged when it uses none). */
export function expandSentinelFunctions(text: string): string {
  if (!text.includes('_GetWatchlist')) return text;
  return text.replace(GET_WATCHLIST, (_m, _q: string, alias: string) => watchlistQuery(alias));
}

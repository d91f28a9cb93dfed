/**
 * The five seed detections written by hand in DuckDB SQL over the same store: the peer a user could pick instead
 * of kqlwatch. Each returns the same columns as the KQL (datetimes as epoch ns, dynamic as JSON text, like the
 * engine's final projection) so the rows can be compared before timing.
 */

/** A time `minusMs` before now: a constant, or (for a statement prepared once) before the parameter `$now`. */
function ts(now: Date | 'parameter', minusMs = 0): string {
  if (now === 'parameter') return minusMs === 0 ? `$now::TIMESTAMP_NS` : `($now::TIMESTAMP_NS - INTERVAL '${minusMs} milliseconds')`;
  return `TIMESTAMP_NS '${new Date(now.getTime() - minusMs).toISOString().replace('T', ' ').replace('Z', '')}'`;
}

const H = 3600_000;
const D = 24 * H;

/** An IPv4 address as a number, or NULL when the text is not one (octets up to 255, leading zeros allowed). */
const IPV4_NUMBER = (x: string): string =>
  `(CASE WHEN regexp_full_match(${x}, '(25[0-5]|2[0-4]\\d|[01]?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|[01]?\\d?\\d)){3}') THEN `
  + `split_part(${x}, '.', 1)::BIGINT * 16777216 + split_part(${x}, '.', 2)::BIGINT * 65536 + split_part(${x}, '.', 3)::BIGINT * 256 + split_part(${x}, '.', 4)::BIGINT END)`;

/** The seed's SQL for `now`, or with `$now` (a TIMESTAMP_NS) as a parameter to prepare once and run again and again. */
export function handSql(seed: string, now: Date | 'parameter'): string {
  switch (seed) {
    case '000':
      return `WITH mal AS (
  SELECT regexp_extract(Pattern, 'ipv4-addr:value = ''([^'']+)''', 1) AS NetworkIP, to_json(list(DISTINCT Tags)) AS ThreatTags
  FROM ThreatIntelIndicators
  WHERE TimeGenerated > ${ts(now, 30 * D)} AND IsActive AND (ValidUntil IS NULL OR ValidUntil > ${ts(now)})
    AND regexp_matches(Pattern, '(?i)(?:^|[^0-9A-Za-z])ipv4\\-addr:value(?:$|[^0-9A-Za-z])')
    AND regexp_extract(Pattern, 'ipv4-addr:value = ''([^'']+)''', 1) <> ''
  GROUP BY 1)
SELECT epoch_ns(s.TimeGenerated) AS TimeGenerated, s.UserPrincipalName, s.AppDisplayName, s.IPAddress, s.Location,
  CAST(m.ThreatTags AS VARCHAR) AS ThreatTags, s.ConditionalAccessStatus, s.AuthenticationRequirement, s.CorrelationId, s.UniqueTokenIdentifier
FROM AADNonInteractiveUserSignInLogs s JOIN mal m ON s.IPAddress = m.NetworkIP
WHERE s.TimeGenerated > ${ts(now, H)} AND s.ResultType = '0'
ORDER BY s.TimeGenerated DESC`;
    case '001':
      return `WITH risky AS (
  SELECT UserPrincipalName, RiskLevel, RiskState, RiskDetail FROM AADRiskyUsers
  WHERE RiskState IN ('atRisk', 'confirmedCompromised') AND RiskLevel IN ('high', 'medium')),
ni AS (
  SELECT UserPrincipalName, count(*) AS SilentCount, to_json(list(DISTINCT Location)) AS Countries, to_json(list(DISTINCT IPAddress)) AS IPs,
    to_json(list(DISTINCT AppDisplayName)) AS Apps, max(TimeGenerated) AS LastActivity
  FROM AADNonInteractiveUserSignInLogs WHERE TimeGenerated > ${ts(now, H)} AND ResultType = '0' GROUP BY 1)
SELECT ni.UserPrincipalName, r.RiskLevel, r.RiskState, r.RiskDetail, ni.SilentCount, CAST(ni.Countries AS VARCHAR) AS Countries,
  coalesce(json_extract_string(ni.IPs, '$[0]'), '') AS IPAddress, CAST(ni.Apps AS VARCHAR) AS Apps, epoch_ns(ni.LastActivity) AS LastActivity
FROM ni JOIN risky r ON ni.UserPrincipalName = r.UserPrincipalName
ORDER BY ni.SilentCount DESC`;
    case '002':
      // The rule's exclusion list as a user would write it: networks as address ranges (only the 0.0.0.0/32
      // placeholder here), each address parsed by hand; an address that is not IPv4 is in no range.
      return `WITH safe(lo, hi) AS (VALUES (0, 0)),
inter AS (
  SELECT UserPrincipalName, TimeGenerated AS InteractiveTime, IPAddress AS InteractiveIP, Location AS InteractiveCountry, AppDisplayName, CorrelationId
  FROM SigninLogs
  WHERE TimeGenerated > ${ts(now, 3 * H)} AND ResultType = '0'
    AND (AuthenticationRequirement = 'singleFactorAuthentication' OR ConditionalAccessStatus = 'notApplied')
    AND NOT EXISTS (SELECT 1 FROM safe WHERE ${IPV4_NUMBER('IPAddress')} BETWEEN lo AND hi)),
ni AS (
  SELECT * FROM AADNonInteractiveUserSignInLogs
  WHERE TimeGenerated > ${ts(now, 3 * H)} AND ResultType = '0'
    AND NOT EXISTS (SELECT 1 FROM safe WHERE ${IPV4_NUMBER('IPAddress')} BETWEEN lo AND hi))
SELECT epoch_ns(ni.TimeGenerated) AS NISignInTime, epoch_ns(i.InteractiveTime) AS InteractiveTime, ni.UserPrincipalName, ni.AppDisplayName,
  ni.IPAddress AS NIIPAddress, ni.Location AS NICountry, i.InteractiveIP, i.InteractiveCountry, ni.CorrelationId, ni.UniqueTokenIdentifier,
  (epoch_ns(ni.TimeGenerated) - epoch_ns(i.InteractiveTime)) // 100 AS TimeSinceInteractive
FROM ni JOIN inter i ON ni.UserPrincipalName = i.UserPrincipalName
WHERE ni.IPAddress <> i.InteractiveIP AND ni.Location <> i.InteractiveCountry
  AND (epoch_ns(ni.TimeGenerated) - epoch_ns(i.InteractiveTime)) // 100 BETWEEN 600000000 AND 72000000000
ORDER BY ni.UserPrincipalName ASC, i.InteractiveTime ASC`;
    case '003':
      return `WITH ni AS (
  SELECT UserPrincipalName, IPAddress, max(TimeGenerated) AS LastNISignIn FROM AADNonInteractiveUserSignInLogs
  WHERE TimeGenerated > ${ts(now, 2 * H)} AND ResultType = '0' GROUP BY 1, 2),
a AS (
  SELECT *, coalesce(json_extract_string(InitiatedBy, '$.user.userPrincipalName'), '') AS UPN FROM AuditLogs
  WHERE TimeGenerated > ${ts(now, 2 * H)}
    AND Category IN ('RoleManagement', 'ApplicationManagement', 'GroupManagement', 'Policy', 'DeviceManagement', 'UserManagement'))
SELECT epoch_ns(a.TimeGenerated) AS AuditTime, a.UPN AS UserPrincipalName, a.OperationName, a.Result AS AuditResult, a.Category,
  CAST(a.TargetResources AS VARCHAR) AS TargetResources, epoch_ns(ni.LastNISignIn) AS LastNISignIn, ni.IPAddress,
  (epoch_ns(a.TimeGenerated) - epoch_ns(ni.LastNISignIn)) // 100 AS TimeSinceNISignIn
FROM a JOIN ni ON a.UPN = ni.UserPrincipalName
WHERE a.UPN <> '' AND (epoch_ns(a.TimeGenerated) - epoch_ns(ni.LastNISignIn)) // 100 BETWEEN 0 AND 36000000000
ORDER BY a.TimeGenerated DESC`;
    case '004':
      // The rule's SessionId is the silent sign-in's own SessionId column: Kusto's join renames the right side's
      // SessionId (the interactive CorrelationId) to SessionId1, which the final project drops. The generated
      // tenant never writes one, so the store has no such column (ADR 0011): it reads as ''.
      return `WITH inter AS (
  SELECT lower(UserPrincipalName) AS UserUpn,
    arg_max({'t': TimeGenerated, 'ip': IPAddress, 'asn': AutonomousSystemNumber}, TimeGenerated) AS s
  FROM SigninLogs WHERE TimeGenerated >= ${ts(now, D)} AND ResultType = '0' AND UserPrincipalName <> '' GROUP BY 1),
ni AS (
  SELECT *, lower(UserPrincipalName) AS UserUpn FROM AADNonInteractiveUserSignInLogs
  WHERE TimeGenerated >= ${ts(now, D)} AND ResultType = '0' AND UserPrincipalName <> '')
SELECT epoch_ns(ni.TimeGenerated) AS TimeGenerated, ni.UserUpn, coalesce(split_part(ni.UserUpn, '@', 1), '') AS AccountName,
  CASE WHEN len(string_split(ni.UserUpn, '@')) > 1 THEN string_split(ni.UserUpn, '@')[2] ELSE '' END AS AccountUPNSuffix,
  ni.AppDisplayName, ni.IPAddress AS NonInteractiveIp, ni.AutonomousSystemNumber AS NonInteractiveAsn, i.s.ip AS InteractiveIp,
  i.s.asn AS InteractiveAsn, epoch_ns(i.s.t) AS InteractiveTime, '' AS SessionId, ni.CorrelationId
FROM ni JOIN inter i ON ni.UserUpn = i.UserUpn
WHERE ni.TimeGenerated BETWEEN i.s.t AND i.s.t + INTERVAL 10 MINUTE
  AND ni.IPAddress <> i.s.ip AND ni.AutonomousSystemNumber <> i.s.asn
ORDER BY ni.TimeGenerated DESC`;
    default:
      throw new Error(`no hand-written SQL for seed ${seed}`);
  }
}

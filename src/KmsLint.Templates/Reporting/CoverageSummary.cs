namespace KmsLint.Templates.Reporting;

/// <summary>
/// The figures a team tracks: keys monitored, owned and retained (counts and percentages of all keys; null percentages
/// when there is no key), routes by state, and the fastest route's worst-case time to detect.
/// </summary>
public sealed class CoverageSummary
{
    internal CoverageSummary(IReadOnlyList<KeyCoverage> keys, IReadOnlyList<RouteCoverage> routes)
    {
        Keys = keys.Count;
        KeysByStatus = Enum.GetValues(typeof(MonitoringStatus)).Cast<MonitoringStatus>()
            .Select(status => new KeyValuePair<MonitoringStatus, int>(status, keys.Count(key => key.Status == status))).ToList();
        KeysMonitored = keys.Count(key => key.Status == MonitoringStatus.Monitored);
        KeysOwned = keys.Count(key => key.IsOwned == true);
        KeysRetained = keys.Count(key => key.IsRetained);
        RoutesByState = Enum.GetValues(typeof(RouteState)).Cast<RouteState>()
            .Select(state => new KeyValuePair<RouteState, int>(state, routes.Count(route => route.State == state))).ToList();
        Fastest = routes.Where(route => route.WorstCaseMinutesToDetect is not null).OrderBy(route => route.WorstCaseMinutesToDetect).FirstOrDefault();
    }

    public int Keys { get; }

    /// <summary>How many keys have each status, in the order of <see cref="MonitoringStatus"/>.</summary>
    public IReadOnlyList<KeyValuePair<MonitoringStatus, int>> KeysByStatus { get; }

    /// <summary>Keys whose lifecycle events reach someone whatever the deployment (Conditional ones are not counted).</summary>
    public int KeysMonitored { get; }

    public double? KeysMonitoredPercent => Percent(KeysMonitored);

    /// <summary>Keys carrying every required tag.</summary>
    public int KeysOwned { get; }

    public double? KeysOwnedPercent => Percent(KeysOwned);

    /// <summary>Keys no stack operation schedules for deletion.</summary>
    public int KeysRetained { get; }

    public double? KeysRetainedPercent => Percent(KeysRetained);

    /// <summary>How many routes are in each state, in the order of <see cref="RouteState"/>.</summary>
    public IReadOnlyList<KeyValuePair<RouteState, int>> RoutesByState { get; }

    public int RoutesWorking => RoutesByState.First(pair => pair.Key == RouteState.Works).Value;

    public int RoutesBroken => RoutesByState.First(pair => pair.Key == RouteState.Broken).Value;

    /// <summary>The working route with the smallest worst-case time to detect, or null when none works.</summary>
    public RouteCoverage? Fastest { get; }

    public double? FastestWorstCaseMinutesToDetect => Fastest?.WorstCaseMinutesToDetect;

    private double? Percent(int count) => Keys == 0 ? null : 100.0 * count / Keys;
}

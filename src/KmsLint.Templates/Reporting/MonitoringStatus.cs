namespace KmsLint.Templates.Reporting;

/// <summary>How well a key's lifecycle events are watched, from best to worst.</summary>
public enum MonitoringStatus
{
    /// <summary>Every lifecycle event reaches someone along a working route, whatever the deployment.</summary>
    Monitored,

    /// <summary>Every event is covered, but only where a condition holds or the key shares a single-region trail's region.</summary>
    Conditional,

    /// <summary>One lifecycle event is covered and the other is not.</summary>
    Partial,

    /// <summary>No route is known to work, and one may: a value KmsLint cannot know decides it.</summary>
    Unknown,

    /// <summary>No route works for the key.</summary>
    Unmonitored,
}

/// <summary>A route over both lifecycle events.</summary>
public enum RouteState
{
    /// <summary>It works for DisableKey and for ScheduleKeyDeletion.</summary>
    Works,

    /// <summary>It works for one of them.</summary>
    Partial,

    /// <summary>It works for neither, and a value KmsLint cannot know may make it work.</summary>
    Unknown,

    /// <summary>It works for neither.</summary>
    Broken,
}

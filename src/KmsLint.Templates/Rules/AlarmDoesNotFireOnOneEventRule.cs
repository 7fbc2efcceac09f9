using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Routes;
using KmsLint.Templates.Simulation;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS301: an alarm on a lifecycle metric that one event does not put into ALARM, as the CloudWatch simulation finds
/// it (a quiet and a busy log group, each event, each combination of Fn::If branches): the metric the alarm queries
/// never gets the filter's datapoints, the statistic hides the event, the threshold is out of reach, it needs more
/// breaching periods than one event gives, or it already sits in ALARM. One finding per alarm property; an alarm that
/// cannot be simulated is a note.
/// </summary>
public sealed class AlarmDoesNotFireOnOneEventRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.AlarmDoesNotFireOnOneEvent;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var seen = new HashSet<(Alarm, string)>();
        foreach (var route in graph.Routes.Filters.Where(f => f.MatchesLifecycleEvent).SelectMany(f => f.Alarms))
        {
            var alarm = route.Alarm;
            var id = alarm.LogicalId!;
            if (route.Mismatch is { } mismatch)
            {
                if (seen.Add((alarm, route.MismatchProperty)))
                {
                    var fix = route.MismatchProperty switch
                    {
                        "Unit" => "Remove Unit from the alarm, or give the filter's MetricTransformations the same Unit.",
                        "Dimensions" => "Give the alarm exactly the dimensions the filter publishes (or none on either).",
                        _ => "Period 60, EvaluationPeriods 1 and Threshold 1 alarm on the first event.",
                    };
                    yield return Report(alarm.Resource.SpanOf(route.MismatchProperty), $"Alarm {id} never fires: {mismatch}. {fix}", id);
                }

                continue;
            }

            foreach (var group in ProblemsByProperty(route))
            {
                var (property, failing) = (group.Property, group.Verdicts);
                if (!seen.Add((alarm, property)))
                {
                    continue;
                }

                var verdict = failing[0];
                var problem = verdict.Problems.First(candidate => candidate.Property == property);
                var scope = Scope(route, failing);
                var level = problem.Failure == AlarmFailure.AlreadyInAlarmFromOrdinaryTraffic && problem.Property is "Statistic" or "ExtendedStatistic" ? Level.Warning : Level.Error;
                // A cause in the filter goes on the filter, where it is fixed (and suppressed).
                var owner = problem.Property == "MetricValue" ? route.Transformation.SpanOf("MetricValue") : problem.Location;
                var ownerId = problem.Property == "MetricValue" ? route.Filter.LogicalId! : id;
                yield return Report(level, owner, $"Alarm {id} {Explain(verdict, problem)}{scope}. {Fix(verdict, problem)}", ownerId);
            }

            var notSimulated = route.Verdicts.FirstOrDefault(v => v.NotSimulated is not null);
            if (notSimulated is not null && route.Verdicts.All(v => v.Problems.Count == 0) && seen.Add((alarm, "simulation")))
            {
                yield return Report(Level.Note, alarm.Resource.Span,
                    $"KmsLint cannot tell whether alarm {id} fires on one key lifecycle event: {notSimulated.NotSimulated}{(notSimulated.When.IsAlways ? string.Empty : " (when " + notSimulated.When + ")")}. "
                    + "Give the value a literal (or a parameter Default) so the alarm can be simulated.",
                    id);
            }
        }
    }

    /// <summary>" for DisableKey" and " (when condition X is false)" where the problem is not everywhere.</summary>
    /// <summary>
    /// Each property a problem is in, with the verdicts that have a problem there, in the order met. Built with loops over
    /// classes: LINQ grouping of (verdict, problem) tuples was JIT-compiled at every start.
    /// </summary>
    private static List<ProblemGroup> ProblemsByProperty(AlarmRoute route)
    {
        var groups = new List<ProblemGroup>();
        foreach (var verdict in route.Verdicts)
        {
            foreach (var problem in verdict.Problems)
            {
                var group = groups.Find(candidate => candidate.Property == problem.Property);
                if (group is null)
                {
                    groups.Add(group = new ProblemGroup(problem.Property));
                }

                group.Verdicts.Add(verdict);
            }
        }

        return groups;
    }

    private static string Scope(AlarmRoute route, IReadOnlyList<AlarmVerdict> failing)
    {
        var events = failing.Select(v => v.Event).Distinct().ToList();
        var eventText = events.Count < LifecycleEvent.All.Count(e => route.Verdicts.Any(v => v.Event == e)) ? " for " + string.Join(" and ", events) : string.Empty;
        var branches = failing.Select(v => v.When).Where(b => !b.IsAlways).Select(b => b.ToString()).Distinct().ToList();
        var everywhere = failing.Count == route.Verdicts.Count(v => events.Contains(v.Event));
        return eventText + (everywhere || branches.Count == 0 ? string.Empty : " (when " + string.Join(", or ", branches) + ")");
    }

    private static string Explain(AlarmVerdict verdict, AlarmProblem problem)
    {
        var alarm = verdict.Definition!;
        var outcome = problem.Outcome;
        var where = !problem.OnlyInThisActivity ? string.Empty
            : outcome.Activity == Activity.Busy
            ? $"in a busy log group (other CloudTrail events every minute{(verdict.DefaultValue is { } d ? $", each minute without a match reporting DefaultValue {AlarmRoute.Format(d)}" : string.Empty)}) "
            : "in a quiet log group (no other log events for a while) ";
        var period = $"{alarm.PeriodSeconds}-second period";
        return problem.Failure switch
        {
            AlarmFailure.NoEventDatapoint =>
                "never gets a datapoint: the filter's MetricValue takes a field that the record does not carry as a number, so the event publishes nothing",
            AlarmFailure.StatisticHidesEvent =>
                $"uses {verdict.Statistic}: {where}the event's {Number(outcome.EventAloneValue)} is {Statistic(verdict.Statistic)} to {Number(outcome.EventPeriodValue)} over the {period}, which does not reach the threshold {Number(alarm.Threshold)}",
            AlarmFailure.ThresholdNotReached when alarm.Comparison is Comparison.LessThanThreshold or Comparison.LessThanOrEqualToThreshold =>
                $"fires when the value drops ({alarm.Comparison}), never when a key lifecycle event is counted",
            AlarmFailure.ThresholdNotReached =>
                $"needs {verdict.Statistic} {(alarm.Comparison == Comparison.GreaterThanThreshold ? "above" : "at or above")} {Number(alarm.Threshold)}, but one event gives {Number(outcome.EventPeriodValue)} over the {period}, so a single DisableKey or ScheduleKeyDeletion does not fire it",
            AlarmFailure.TooFewBreachingPeriods =>
                $"needs {alarm.DatapointsToAlarm} breaching periods out of {alarm.EvaluationPeriods}, but one event breaches one period and {where}the others {(alarm.TreatMissingData == MissingData.NotBreaching ? "count as not breaching (TreatMissingData: notBreaching)" : "are not breaching")}",
            AlarmFailure.AlreadyInAlarmFromMissingData =>
                "treats missing data as breaching, and every period without a matching event has no datapoint, so it already sits in ALARM when the event comes: the event changes no state and nobody is notified",
            _ when verdict.Statistic == "SampleCount" =>
                $"counts samples, and the filter's DefaultValue adds one every minute with logs: {where}it goes into ALARM on ordinary traffic and stays there, so a key lifecycle event changes no state (and quiet spells end in a false alarm)",
            _ => $"already breaches on ordinary traffic ({where}{verdict.Statistic} is {Number(outcome.EventPeriodValue)} against the threshold {Number(alarm.Threshold)}), so it sits in ALARM and the event changes no state",
        };
    }

    private static string Fix(AlarmVerdict verdict, AlarmProblem problem) => problem.Failure switch
    {
        AlarmFailure.NoEventDatapoint => "Use MetricValue: \"1\".",
        AlarmFailure.StatisticHidesEvent => problem.Property == "Metrics" ? "Use Stat: Sum." : "Use Statistic: Sum (or Maximum).",
        AlarmFailure.ThresholdNotReached => $"Use ComparisonOperator GreaterThanOrEqualToThreshold with Threshold {Number(problem.Outcome.EventAloneValue ?? verdict.EventValue ?? 1)}.",
        AlarmFailure.TooFewBreachingPeriods => "Set DatapointsToAlarm: 1 (or EvaluationPeriods: 1).",
        AlarmFailure.AlreadyInAlarmFromMissingData => "Set TreatMissingData: notBreaching.",
        _ when verdict.Statistic == "SampleCount" => "Use Statistic: Sum.",
        _ => "Alarm when the count reaches 1: ComparisonOperator GreaterThanOrEqualToThreshold, Threshold 1, and a DefaultValue below it.",
    };

    private static string Statistic(string statistic) => statistic switch
    {
        "Average" => "averaged with the other samples",
        "Minimum" => "outweighed by the smallest sample",
        _ => "ranked among the other samples",
    };

    private static string Number(double? value) => value is { } number ? AlarmRoute.Format(number) : "no datapoint";

    private sealed class ProblemGroup
    {
        public ProblemGroup(string property) => Property = property;

        public string Property { get; }

        public List<AlarmVerdict> Verdicts { get; } = new();
    }
}

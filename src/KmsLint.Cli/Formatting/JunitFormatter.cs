using System.Xml;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Formatting;

/// <summary>
/// <c>--format junit</c>: JUnit XML, the format CI systems (GitLab, Jenkins, Azure Pipelines, CircleCI) show as test
/// results. One test suite per file linted with findings, one test case per unsuppressed finding — a failure for an
/// error or warning, a skipped case for a note — and one passing case when the run has no finding at all, so a
/// clean run still shows as a green suite.
/// </summary>
internal sealed class JunitFormatter : IReportFormatter
{
    public void Write(LintRun run, TextWriter output)
    {
        var findings = run.Findings.Where(finding => !finding.IsSuppressed).ToList();
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, NewLineChars = "\n" };
        using (var xml = XmlWriter.Create(output, settings))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "kmslint");
            xml.WriteAttributeString("tests", Math.Max(1, findings.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", findings.Count(IsFailure).ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("errors", "0");
            if (findings.Count == 0)
            {
                Suite(xml, "kmslint", 1, 0, 0, () => Case(xml, "kmslint", TextFormatter.Summary(run), null));
            }

            foreach (var file in findings.GroupBy(finding => finding.Location.File))
            {
                var cases = file.ToList();
                Suite(xml, file.Key, cases.Count, cases.Count(IsFailure), cases.Count(finding => !IsFailure(finding)), () =>
                {
                    foreach (var finding in cases)
                    {
                        var location = finding.Location;
                        var name = $"{finding.RuleId} {location.StartLine}:{location.StartColumn}" + (finding.LogicalId is null ? string.Empty : " " + finding.LogicalId);
                        Case(xml, file.Key, name, finding);
                    }
                });
            }

            xml.WriteEndElement();
        }

        output.WriteLine();
    }

    private static bool IsFailure(Finding finding) => finding.Level >= Level.Warning;

    private static void Suite(XmlWriter xml, string name, int tests, int failures, int skipped, Action cases)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("tests", tests.ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", skipped.ToString(System.Globalization.CultureInfo.InvariantCulture));
        cases();
        xml.WriteEndElement();
    }

    private static void Case(XmlWriter xml, string className, string name, Finding? finding)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", className);
        xml.WriteAttributeString("name", name);
        if (finding is not null)
        {
            var location = finding.Location;
            var body = $"{location.File}:{location.StartLine}:{location.StartColumn}: {finding.Level.ToString().ToLowerInvariant()} {finding.RuleId}: {finding.Message}";
            if (IsFailure(finding))
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", finding.Message);
                xml.WriteAttributeString("type", finding.RuleId);
                xml.WriteString(body);
                xml.WriteEndElement();
            }
            else
            {
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", "note: " + finding.Message);
                xml.WriteEndElement();
            }
        }

        xml.WriteEndElement();
    }
}

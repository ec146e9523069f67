package io.vmlock.report;

import io.vmlock.diag.FileNames;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Jenkins, GitLab and the GitHub test-report actions read it: a testsuite per
 * scenario file, a testcase per file (for {@code test}, named by its expect clauses), a
 * {@code failure} carrying the text report (each step with its source line, as {@code --format
 * text} prints it), an {@code error} for an incomplete search, and an {@code error} for a file
 * that could not be checked (its diagnostics). No timings, so the file is the same on every run.
 */
public final class JunitReport {
    private JunitReport() {
    }

    /**
     * One testcase's outcome: passed, failed (a finding or unmet expectation) or errored
     * (incomplete, invalid input); {@code known} lists the baselined findings it passes with.
     */
    private record Case(String file, String name, String outcome, String type, String message, String body,
                        String known) {
        Case(String file, String name, String outcome, String type, String message, String body) {
            this(file, name, outcome, type, message, body, "");
        }
    }

    public static String render(Report report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            List<Case> cases = new ArrayList<>();
            Triage triage = report.triage();
            for (int i = 0; i < report.scenarios().size(); i++) {
                cases.add(testCase(report, report.scenarios().get(i), i, triage));
            }
            for (InvalidInput i : report.invalid()) {
                cases.add(new Case(i.file(), "compile", "error", "invalid-input", i.summary(), i.details()));
            }
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "vmlock " + report.command());
            counts(x, cases);
            for (Case c : cases) suite(x, c);
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return text + "\n";
    }

    private static void counts(XMLStreamWriter x, List<Case> cases) throws XMLStreamException {
        x.writeAttribute("tests", Integer.toString(cases.size()));
        x.writeAttribute("failures", Long.toString(cases.stream().filter(c -> c.outcome().equals("failure")).count()));
        x.writeAttribute("errors", Long.toString(cases.stream().filter(c -> c.outcome().equals("error")).count()));
    }

    private static void suite(XMLStreamWriter x, Case c) throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", xmlChars(c.file()));
        counts(x, List.of(c));
        x.writeAttribute("skipped", "0");
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", xmlChars(className(c.file())));
        x.writeAttribute("name", xmlChars(c.name()));
        x.writeAttribute("file", xmlChars(c.file()));
        if (!c.outcome().equals("passed")) {
            x.writeCharacters("\n      ");
            x.writeStartElement(c.outcome());
            x.writeAttribute("type", c.type());
            x.writeAttribute("message", xmlChars(c.message()));
            x.writeCharacters(xmlChars(c.body()));
            x.writeEndElement();
            x.writeCharacters("\n    ");
        }
        if (!c.known().isEmpty()) {
            x.writeCharacters("\n      ");
            x.writeStartElement("system-out");
            x.writeCharacters(c.known());
            x.writeEndElement();
            x.writeCharacters("\n    ");
        }
        x.writeEndElement();
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static Case testCase(Report report, ScenarioReport s, int index, Triage triage) {
        CheckResult r = s.result();
        String body = TextReport.render(r, report.stats(), s.sources());
        if (s.test().isPresent()) {
            TestOutcome t = s.test().get();
            String name = t.expected().isEmpty() ? "expect (none)" : "expect " + String.join(", ", t.expected());
            if (t.passed()) return new Case(s.file(), name, "passed", "", "", "");
            String kind = r.complete() ? "failure" : "error";
            return new Case(s.file(), name, kind, r.complete() ? "unmet-expectation" : "incomplete", t.unmet().get(), body);
        }
        if (!r.complete()) return new Case(s.file(), "check", "error", "incomplete", TextReport.summary(r), body);
        if (r.findings().isEmpty()) return new Case(s.file(), "check", "passed", "", "", "");
        if (triage.baselined()) return baselined(s.file(), r, body, index, triage);
        TreeSet<String> kinds = new TreeSet<>();
        for (Finding f : r.findings()) kinds.add(f.verdict().id());
        return new Case(s.file(), "check", "failure", String.join(",", kinds), TextReport.summary(r), body);
    }

    /**
     * The text with every character XML 1.0 cannot hold (most control characters, even as
     * references) written as {@code \xHH}: the writer escapes markup, not these.
     */
    static String xmlChars(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean allowed = cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp <= 0xd7ff)
                    || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
            if (allowed) out.appendCodePoint(cp);
            else out.append(FileNames.printable(new String(Character.toChars(cp))));
        });
        return out.toString();
    }

    /** Under {@code --baseline}: only new findings fail; each finding is marked new or known. */
    private static Case baselined(String file, CheckResult r, String body, int index, Triage triage) {
        TreeSet<String> kinds = new TreeSet<>();
        StringBuilder marks = new StringBuilder();
        int fresh = 0;
        for (int i = 0; i < r.findings().size(); i++) {
            Finding f = r.findings().get(i);
            boolean isNew = triage.state(index, i) == Triage.State.NEW;
            if (isNew) {
                fresh++;
                kinds.add(f.verdict().id());
            }
            marks.append(isNew ? "new" : "known (in the baseline)").append(": [").append(i + 1).append("] ")
                    .append(f.verdict().id()).append(": ").append(f.headline()).append('\n');
        }
        if (fresh == 0) return new Case(file, "check", "passed", "", "", "", marks.toString());
        String message = fresh + " new, " + (r.findings().size() - fresh) + " known: " + TextReport.summary(r);
        return new Case(file, "check", "failure", String.join(",", kinds), message, marks + "\n" + body);
    }

    /** {@code examples/abba.vmlock} -> {@code examples.abba}: Jenkins reads dots as packages. */
    static String className(String file) {
        String noExtension = file.endsWith(".vmlock") ? file.substring(0, file.length() - ".vmlock".length()) : file;
        return noExtension.replaceAll("^/+", "").replace('/', '.');
    }
}

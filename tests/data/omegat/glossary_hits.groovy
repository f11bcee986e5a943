// Run by tests/test_omegat.py through OmegaT's console mode (--script): after the project is
// compiled, OmegaT's own glossary search (FindGlossaryThread.search, what the Glossary pane
// shows) is run on every segment with the project's glossaries read by OmegaT's TSV reader.
// Writes omegat/sppterm-glossary-hits.tsv: one line per segment, its source text, a tab and the
// glossary source terms found, separated by U+001F. Console mode has no glossary pane, so the
// manager is filled here and the thread is never "outdated" by a changed editor entry.
import org.omegat.core.Core
import org.omegat.gui.glossary.FindGlossaryThread
import org.omegat.gui.glossary.GlossaryManager
import org.omegat.gui.glossary.GlossaryReaderTSV

if (eventType.toString() != "COMPILE") return ""
def project = Core.getProject()
def props = project.getProjectProperties()
def manager = new GlossaryManager(null)
new File(props.getGlossaryRoot()).eachFile { f ->
    if (f.name.endsWith(".txt") || f.name.endsWith(".utf8") || f.name.endsWith(".tab")) {
        manager.@glossaries.put(f.path, GlossaryReaderTSV.read(f, false))
    }
}
def out = new StringBuilder()
project.getAllEntries().each { ste ->
    def search = new FindGlossaryThread(null, ste, manager) { protected boolean isEntryChanged() { false } }
    def terms = search.search().collect { it.getSrcText() }
    out.append(ste.getSrcText().replace("\n", " ")).append("\t").append(terms.join("\u001f")).append("\n")
}
new File(props.getProjectInternal(), "sppterm-glossary-hits.tsv").write(out.toString(), "UTF-8")
return "glossary hits written"

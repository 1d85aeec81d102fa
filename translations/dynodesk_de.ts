<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Not a git repository</source>
        <translation>Kein Git-Repository</translation>
    </message>
    <message>
        <source>Cannot read the working tree</source>
        <translation>Das Arbeitsverzeichnis kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot stage the changes</source>
        <translation>Die Änderungen können nicht vorgemerkt werden</translation>
    </message>
    <message>
        <source>Cannot write the tree</source>
        <translation>Der Tree kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Bad author</source>
        <translation>Ungültiger Autor</translation>
    </message>
    <message>
        <source>Cannot commit</source>
        <translation>Commit nicht möglich</translation>
    </message>
    <message>
        <source>Nothing to deploy: the repository has no commit yet.</source>
        <translation>Nichts bereitzustellen: Das Repository hat noch keinen Commit.</translation>
    </message>
    <message>
        <source>Bad git URL</source>
        <translation>Ungültige Git-URL</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The API key was not accepted by the git server.</source>
        <translation>Der Git-Server hat den API-Schlüssel nicht angenommen.</translation>
    </message>
    <message>
        <source>Push failed</source>
        <translation>Push fehlgeschlagen</translation>
    </message>
    <message>
        <source>The push was rejected: %1</source>
        <translation>Der Push wurde abgelehnt: %1</translation>
    </message>
    <message>
        <source>Clone failed</source>
        <translation>Klonen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Restart all dynos of %1?</source>
        <translation>Alle Dynos von %1 neu starten?</translation>
    </message>
    <message>
        <source>Restart dyno %1 of %2?</source>
        <translation>Dyno %1 von %2 neu starten?</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Restarting %1</source>
        <translation>Neustart von %1</translation>
    </message>
    <message>
        <source>Restarting all dynos of %1.</source>
        <translation>Alle Dynos von %1 werden neu gestartet.</translation>
    </message>
    <message>
        <source>Restarting %1 of %2.</source>
        <translation>%1 von %2 wird neu gestartet.</translation>
    </message>
    <message>
        <source>Type %1 to confirm:</source>
        <translation>Geben Sie zur Bestätigung %1 ein:</translation>
    </message>
    <message>
        <source>Destroy %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <source>This destroys %1 with its dynos, add-ons, config vars and git repository. It cannot be undone.</source>
        <translation>Dadurch wird %1 mit allen Dynos, Add-ons, Config Vars und dem Git-Repository gelöscht. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Destroying %1</source>
        <translation>Löschen von %1</translation>
    </message>
    <message>
        <source>Destroyed %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>noch keine</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
</context>
<context>
    <name>TeamPermissions</name>
    <message>
        <source>View</source>
        <translation>Ansehen</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Bereitstellen</translation>
    </message>
    <message>
        <source>Operate</source>
        <translation>Betreiben</translation>
    </message>
    <message>
        <source>Manage</source>
        <translation>Verwalten</translation>
    </message>
    <message>
        <source>See the app, its dynos, releases and logs (always granted)</source>
        <translation>Die App, ihre Dynos, Releases und Logs sehen (immer gewährt)</translation>
    </message>
    <message>
        <source>Push code, edit config vars and add-ons, roll back</source>
        <translation>Code pushen, Config Vars und Add-ons ändern, zurücksetzen</translation>
    </message>
    <message>
        <source>Restart and scale dynos, set maintenance mode</source>
        <translation>Dynos neu starten und skalieren, den Wartungsmodus setzen</translation>
    </message>
    <message>
        <source>Rename, delete, transfer and lock the app, manage collaborators and domains</source>
        <translation>Die App umbenennen, löschen, übertragen und sperren, Mitwirkende und Domains verwalten</translation>
    </message>
    <message>
        <source>Team owner</source>
        <translation>Team-Eigentümer</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>Collaborator</source>
        <translation>Mitwirkender</translation>
    </message>
</context>
<context>
    <name>dynodesk::app::ConsoleView</name>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
</context>
<context>
    <name>dynodesk::app::EditorTabs</name>
    <message>
        <source>Cannot open %1.</source>
        <translation>%1 kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>This file is %1 MB, too large to edit here. Its first %2 kB are shown, read-only.</source>
        <translation>Diese Datei ist %1 MB groß und zu groß zum Bearbeiten. Die ersten %2 kB werden schreibgeschützt angezeigt.</translation>
    </message>
    <message>
        <source>This looks like a binary file. It is shown read-only.</source>
        <translation>Dies scheint eine Binärdatei zu sein. Sie wird schreibgeschützt angezeigt.</translation>
    </message>
    <message>
        <source>This file is not UTF-8 text. It is shown read-only so that saving cannot change it.</source>
        <translation>Diese Datei ist kein UTF-8-Text. Sie wird schreibgeschützt angezeigt, damit Speichern sie nicht verändert.</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>%1 is read-only here and was not saved.</source>
        <translation>%1 ist hier schreibgeschützt und wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them before closing?</source>
        <translation>%1 hat ungespeicherte Änderungen. Vor dem Schließen speichern?</translation>
    </message>
    <message>
        <source>%1 was removed or renamed on disk.</source>
        <translation>%1 wurde auf der Festplatte gelöscht oder umbenannt.</translation>
    </message>
    <message>
        <source>File changed on disk</source>
        <translation>Datei auf der Festplatte geändert</translation>
    </message>
    <message>
        <source>%1 changed on disk and has unsaved changes here. Reload it and lose your changes?</source>
        <translation>%1 wurde auf der Festplatte geändert und hat hier ungespeicherte Änderungen. Neu laden und die Änderungen verwerfen?</translation>
    </message>
    <message>
        <source>Reloaded %1: it changed on disk.</source>
        <translation>%1 neu geladen: Die Datei wurde auf der Festplatte geändert.</translation>
    </message>
</context>
<context>
    <name>dynodesk::app::FindBar</name>
    <message>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Ersetzen durch</translation>
    </message>
    <message>
        <source>Find Next</source>
        <translation>Weitersuchen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>Alle ersetzen</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message numerus="yes">
        <source>Replaced %n occurrence(s)</source>
        <translation>
            <numerusform>%n Vorkommen ersetzt</numerusform>
            <numerusform>%n Vorkommen ersetzt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dynodesk::app::MainWindow</name>
    <message>
        <source>Connected: %1 (Platform API at %2).</source>
        <translation>Verbunden: %1 (Platform-API unter %2).</translation>
    </message>
    <message>
        <source>The emulator did not start</source>
        <translation>Der Emulator ist nicht gestartet</translation>
    </message>
    <message>
        <source>The platform emulator inside Dynodesk could not start:

%1

If a dynodesk-server is running on this data, you can connect to it instead.</source>
        <translation>Der Plattform-Emulator in Dynodesk konnte nicht starten:

%1

Wenn ein dynodesk-server mit diesen Daten läuft, können Sie sich stattdessen mit ihm verbinden.</translation>
    </message>
    <message>
        <source>Connect to a Server…</source>
        <translation>Mit einem Server verbinden…</translation>
    </message>
    <message>
        <source>Dynodesk</source>
        <translation>Dynodesk</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Folder…</source>
        <translation>Ordner ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save A&amp;ll</source>
        <translation>A&amp;lle speichern</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>Tab s&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Find and &amp;Replace…</source>
        <translation>Suchen und &amp;Ersetzen…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Browser</source>
        <translation>&amp;Browser</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Dynodesk</source>
        <translation>Ü&amp;ber Dynodesk</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>%1 — Dynodesk</source>
        <translation>%1 — Dynodesk</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Browser</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>Full syntax highlighting is unavailable: KSyntaxHighlighting is not installed on this system, so a basic highlighter is used.</source>
        <translation>Vollständige Syntaxhervorhebung ist nicht verfügbar: KSyntaxHighlighting ist auf diesem System nicht installiert, daher wird eine einfache Hervorhebung verwendet.</translation>
    </message>
    <message>
        <source>Dynodesk %1</source>
        <translation>Dynodesk %1</translation>
    </message>
    <message>
        <source>A desktop IDE for Procfile apps with an emulator of the platform inside.</source>
        <translation>Eine Desktop-IDE für Procfile-Apps mit eingebautem Emulator der Plattform.</translation>
    </message>
    <message>
        <source>Qt %1</source>
        <translation>Qt %1</translation>
    </message>
    <message>
        <source>libgit2 %1</source>
        <translation>libgit2 %1</translation>
    </message>
    <message>
        <source>KSyntaxHighlighting %1</source>
        <translation>KSyntaxHighlighting %1</translation>
    </message>
    <message>
        <source>About Dynodesk</source>
        <translation>Über Dynodesk</translation>
    </message>
</context>
<context>
    <name>dynodesk::app::PlatformConnection</name>
    <message>
        <source>Local emulator · %1:%2</source>
        <translation>Lokaler Emulator · %1:%2</translation>
    </message>
</context>
<context>
    <name>dynodesk::app::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Font:</source>
        <translation>Schrift:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Tab width:</source>
        <translation>Tabulatorbreite:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Farbschema:</translation>
    </message>
</context>
<context>
    <name>dynodesk::app::WebView</name>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Vor</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>The page could not be loaded. Is the app running?</source>
        <translation>Die Seite konnte nicht geladen werden. Läuft die App?</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Check the address, start the app&apos;s web dyno, and press Reload.</source>
        <translation>Prüfen Sie die Adresse, starten Sie den Web-Dyno der App und klicken Sie auf „Neu laden“.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::ActivityTab</name>
    <message>
        <source>Select a build to see its output.</source>
        <translation>Wählen Sie einen Build aus, um seine Ausgabe zu sehen.</translation>
    </message>
    <message>
        <source>[the output stream broke: %1]</source>
        <translation>[Der Ausgabestream wurde unterbrochen: %1]</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::AddBuildpackDialog</name>
    <message>
        <source>Add buildpack</source>
        <translation>Buildpack hinzufügen</translation>
    </message>
    <message>
        <source>Officially supported buildpacks:</source>
        <translation>Offiziell unterstützte Buildpacks:</translation>
    </message>
    <message>
        <source>Buildpack</source>
        <translation>Buildpack</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>https://github.com/owner/buildpack.git or file:///path/to/buildpack</source>
        <translation>https://github.com/owner/buildpack.git oder file:///pfad/zum/buildpack</translation>
    </message>
    <message>
        <source>Or enter a buildpack URL:</source>
        <translation>Oder eine Buildpack-URL eingeben:</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::AddonsModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Config vars</source>
        <translation>Config Vars</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::AddonsTab</name>
    <message>
        <source>Add Postgres…</source>
        <translation>Postgres hinzufügen…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Reading the Postgres plans</source>
        <translation>Lesen der Postgres-Pläne</translation>
    </message>
    <message>
        <source>Add Postgres</source>
        <translation>Postgres hinzufügen</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <source>Adding %1</source>
        <translation>Hinzufügen von %1</translation>
    </message>
    <message>
        <source>Creating %1 on %2: %3</source>
        <translation>%1 wird auf %2 erstellt: %3</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>This destroys %1 and all its data.</source>
        <translation>Dadurch werden %1 und alle zugehörigen Daten gelöscht.</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>Entfernen von %1</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::AppEditor</name>
    <message>
        <source>Application Info</source>
        <translation>App-Informationen</translation>
    </message>
    <message>
        <source>Collaborators</source>
        <translation>Mitwirkende</translation>
    </message>
    <message>
        <source>Environment Variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>Releases</source>
        <translation>Releases</translation>
    </message>
    <message>
        <source>Add-ons</source>
        <translation>Add-ons</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>Domains</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Buildpacks</source>
        <translation>Buildpacks</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::AppInfoTab</name>
    <message>
        <source>Only the app&apos;s owner, %1, can do this.</source>
        <translation>Nur der Eigentümer der App, %1, kann dies tun.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Web URL</source>
        <translation>Web-URL</translation>
    </message>
    <message>
        <source>Git URL</source>
        <translation>Git-URL</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Stack</source>
        <translation>Stack</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>Slug size</source>
        <translation>Slug-Größe</translation>
    </message>
    <message>
        <source>Repository size</source>
        <translation>Repository-Größe</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Maintenance mode (the router answers with the maintenance page)</source>
        <translation>Wartungsmodus (der Router antwortet mit der Wartungsseite)</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open in System Browser</source>
        <translation>Im Systembrowser öffnen</translation>
    </message>
    <message>
        <source>Destroy…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Maintenance mode</source>
        <translation>Wartungsmodus</translation>
    </message>
    <message>
        <source>Maintenance mode is on for %1.</source>
        <translation>Der Wartungsmodus für %1 ist eingeschaltet.</translation>
    </message>
    <message>
        <source>Maintenance mode is off for %1.</source>
        <translation>Der Wartungsmodus für %1 ist ausgeschaltet.</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>%1 umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Renaming %1</source>
        <translation>Umbenennen von %1</translation>
    </message>
    <message>
        <source>Renamed %1 to %2. Update your git remote to the new git URL.</source>
        <translation>%1 in %2 umbenannt. Passen Sie Ihr Git-Remote an die neue Git-URL an.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::AppNameField</name>
    <message>
        <source>Leave blank and a name will be generated</source>
        <translation>Leer lassen, um einen Namen erzeugen zu lassen</translation>
    </message>
    <message>
        <source>The platform will choose a name.</source>
        <translation>Die Plattform wählt einen Namen.</translation>
    </message>
    <message>
        <source>Checking whether %1 is available…</source>
        <translation>Prüfen, ob %1 verfügbar ist…</translation>
    </message>
    <message>
        <source>%1 is available</source>
        <translation>%1 ist verfügbar</translation>
    </message>
    <message>
        <source>%1 is not available</source>
        <translation>%1 ist nicht verfügbar</translation>
    </message>
    <message>
        <source>Cannot check the name: %1</source>
        <translation>Der Name kann nicht geprüft werden: %1</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::AppsModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Git URL</source>
        <translation>Git-URL</translation>
    </message>
    <message>
        <source>App URL</source>
        <translation>App-URL</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>no dynos</source>
        <translation>keine Dynos</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Personal</source>
        <translation>Persönlich</translation>
    </message>
    <message>
        <source>%1 is locked: only the team&apos;s admins and the app&apos;s collaborators can see it.</source>
        <translation>%1 ist gesperrt: Nur die Administratoren des Teams und die Mitwirkenden der App sehen sie.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::AppsView</name>
    <message>
        <source>Filter apps</source>
        <translation>Apps filtern</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Liste aktualisieren</translation>
    </message>
    <message numerus="yes">
        <source>%n app(s)</source>
        <translation>
            <numerusform>%n App</numerusform>
            <numerusform>%n Apps</numerusform>
        </translation>
    </message>
    <message>
        <source>App Info</source>
        <translation>App-Info</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Deploy...</source>
        <translation>Bereitstellen...</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>View logs</source>
        <translation>Logs anzeigen</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Skalieren</translation>
    </message>
    <message>
        <source>Destroy</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Only the app&apos;s owner, %1, can destroy it.</source>
        <translation>Nur der Eigentümer der App, %1, kann sie löschen.</translation>
    </message>
    <message>
        <source>Open in System Browser</source>
        <translation>Im Systembrowser öffnen</translation>
    </message>
    <message>
        <source>Show all apps, your personal apps or one team&apos;s apps</source>
        <translation>Alle Apps, Ihre persönlichen Apps oder die Apps eines Teams anzeigen</translation>
    </message>
    <message>
        <source>All apps</source>
        <translation>Alle Apps</translation>
    </message>
    <message>
        <source>Personal apps</source>
        <translation>Persönliche Apps</translation>
    </message>
    <message>
        <source>Team %1</source>
        <translation>Team %1</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::BuildpacksModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Buildpack</source>
        <translation>Buildpack</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::BuildpacksTab</name>
    <message>
        <source>Buildpacks run in this order when the app is built. Changes apply to the next build: push again (or make a new build) to use them. With no buildpack set, the build detects one.</source>
        <translation>Buildpacks laufen beim Build der App in dieser Reihenfolge. Änderungen gelten ab dem nächsten Build: Pushen Sie erneut (oder starten Sie einen neuen Build), um sie zu verwenden. Ist kein Buildpack gesetzt, erkennt der Build eines.</translation>
    </message>
    <message>
        <source>Add buildpack…</source>
        <translation>Buildpack hinzufügen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Clear build cache…</source>
        <translation>Build-Cache leeren…</translation>
    </message>
    <message>
        <source>Delete the cache that builds reuse (dependencies, compiled assets)</source>
        <translation>Den Cache löschen, den Builds wiederverwenden (Abhängigkeiten, kompilierte Assets)</translation>
    </message>
    <message>
        <source>Changing the buildpacks of %1</source>
        <translation>Ändern der Buildpacks von %1</translation>
    </message>
    <message>
        <source>Added %1: it applies to the next build.</source>
        <translation>%1 hinzugefügt: gilt ab dem nächsten Build.</translation>
    </message>
    <message>
        <source>Remove buildpack</source>
        <translation>Buildpack entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from %2?</source>
        <translation>%1 aus %2 entfernen?</translation>
    </message>
    <message>
        <source>Removed %1: it applies to the next build.</source>
        <translation>%1 entfernt: gilt ab dem nächsten Build.</translation>
    </message>
    <message>
        <source>Moved %1 to position %2: it applies to the next build.</source>
        <translation>%1 an Position %2 verschoben: gilt ab dem nächsten Build.</translation>
    </message>
    <message>
        <source>Clear build cache</source>
        <translation>Build-Cache leeren</translation>
    </message>
    <message>
        <source>Clear the build cache of %1? The next build starts without it and may take longer.</source>
        <translation>Den Build-Cache von %1 leeren? Der nächste Build beginnt ohne ihn und kann länger dauern.</translation>
    </message>
    <message>
        <source>Clearing the build cache of %1</source>
        <translation>Leeren des Build-Caches von %1</translation>
    </message>
    <message>
        <source>Cleared the build cache of %1.</source>
        <translation>Build-Cache von %1 geleert.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::BuildsModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Release</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::ButtonDeployDialog</name>
    <message>
        <source>Deploy from app.json</source>
        <translation>Aus app.json bereitstellen</translation>
    </message>
    <message>
        <source>Deploy %1</source>
        <translation>%1 bereitstellen</translation>
    </message>
    <message>
        <source>Deploy app</source>
        <translation>App bereitstellen</translation>
    </message>
    <message>
        <source>Manage App</source>
        <translation>App verwalten</translation>
    </message>
    <message>
        <source>Open the app in the app editor</source>
        <translation>Die App im App-Editor öffnen</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansehen</translation>
    </message>
    <message>
        <source>Open the app in the web view</source>
        <translation>Die App in der Webansicht öffnen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>App name:</source>
        <translation>App-Name:</translation>
    </message>
    <message>
        <source>Choose a region:</source>
        <translation>Region wählen:</translation>
    </message>
    <message>
        <source>Config Vars</source>
        <translation>Config Vars</translation>
    </message>
    <message>
        <source>Add-ons and dynos</source>
        <translation>Add-ons und Dynos</translation>
    </message>
    <message>
        <source>Add-ons:</source>
        <translation>Add-ons:</translation>
    </message>
    <message>
        <source>Dynos:</source>
        <translation>Dynos:</translation>
    </message>
    <message>
        <source>Buildpacks:</source>
        <translation>Buildpacks:</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Reading app.json…</source>
        <translation>app.json wird gelesen…</translation>
    </message>
    <message>
        <source>%1 answered with HTTP %2.</source>
        <translation>%1 hat mit HTTP %2 geantwortet.</translation>
    </message>
    <message>
        <source>Cannot download %1: %2</source>
        <translation>%1 kann nicht heruntergeladen werden: %2</translation>
    </message>
    <message>
        <source>Cannot keep the download: %1</source>
        <translation>Der Download kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Deploy an app</source>
        <translation>Eine App bereitstellen</translation>
    </message>
    <message>
        <source>Source: %1 (repository %2)</source>
        <translation>Quelle: %1 (Repository %2)</translation>
    </message>
    <message>
        <source>%1 &lt;span style=&quot;color:#c62828&quot;&gt;*&lt;/span&gt;</source>
        <translation>%1 &lt;span style=&quot;color:#c62828&quot;&gt;*&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Erforderlich</translation>
    </message>
    <message>
        <source>Leave empty to generate a secret</source>
        <translation>Leer lassen, um ein Secret zu erzeugen</translation>
    </message>
    <message>
        <source>A secret value will be generated for you if you leave this empty.</source>
        <translation>Wenn Sie dieses Feld leer lassen, wird ein geheimer Wert für Sie erzeugt.</translation>
    </message>
    <message>
        <source>%1 (as %2)</source>
        <translation>%1 (als %2)</translation>
    </message>
    <message>
        <source>No add-ons</source>
        <translation>Keine Add-ons</translation>
    </message>
    <message>
        <source>%1: %2 × %3</source>
        <translation>%1: %2 × %3</translation>
    </message>
    <message>
        <source>As the Procfile declares (one web dyno)</source>
        <translation>Wie im Procfile angegeben (ein Web-Dyno)</translation>
    </message>
    <message>
        <source>Detected from the source</source>
        <translation>Aus der Quelle erkannt</translation>
    </message>
    <message>
        <source>The app.json could not be read.</source>
        <translation>Die app.json konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Checking the app name…</source>
        <translation>App-Name wird geprüft…</translation>
    </message>
    <message>
        <source>Choose another app name.</source>
        <translation>Wählen Sie einen anderen App-Namen.</translation>
    </message>
    <message>
        <source>Fill in the required config vars: %1</source>
        <translation>Füllen Sie die erforderlichen Config Vars aus: %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Deployed %1 from %2</source>
        <translation>%1 aus %2 bereitgestellt</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n dyno(s)</source>
        <translation>
            <numerusform>%1: %n Dyno</numerusform>
            <numerusform>%1: %n Dynos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::CollaboratorsModel</name>
    <message>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>Eigentümer</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::CollaboratorsTab</name>
    <message>
        <source>Add a collaborator</source>
        <translation>Einen Mitwirkenden hinzufügen</translation>
    </message>
    <message>
        <source>Remove the selected collaborator</source>
        <translation>Den ausgewählten Mitwirkenden entfernen</translation>
    </message>
    <message>
        <source>Make owner</source>
        <translation>Zum Eigentümer machen</translation>
    </message>
    <message>
        <source>Add collaborator</source>
        <translation>Mitwirkenden hinzufügen</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Adding %1</source>
        <translation>Hinzufügen von %1</translation>
    </message>
    <message>
        <source>Added %1 as a collaborator.</source>
        <translation>%1 als Mitwirkenden hinzugefügt.</translation>
    </message>
    <message>
        <source>Remove collaborator</source>
        <translation>Mitwirkenden entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from %2?</source>
        <translation>%1 aus %2 entfernen?</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>Entfernen von %1</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>Transfer %1 to %2? They must accept the transfer.</source>
        <translation>%1 an %2 übertragen? Die Übertragung muss noch angenommen werden.</translation>
    </message>
    <message>
        <source>Transferring %1</source>
        <translation>Übertragen von %1</translation>
    </message>
    <message>
        <source>%1 now owns %2.</source>
        <translation>%1 ist jetzt Eigentümer von %2.</translation>
    </message>
    <message>
        <source>Transfer of %1 to %2 is %3: they must accept it.</source>
        <translation>Die Übertragung von %1 an %2 ist %3: Sie muss noch angenommen werden.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::ConfigVarsModel</name>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::ConfigVarsTab</name>
    <message>
        <source>Add variables: one KEY=value per line</source>
        <translation>Variablen hinzufügen: eine Zeile pro KEY=value</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Import .env…</source>
        <translation>.env importieren…</translation>
    </message>
    <message>
        <source>Reveal values</source>
        <translation>Werte anzeigen</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>These lines are not KEY=value and are skipped:

%1</source>
        <translation>Diese Zeilen haben nicht die Form KEY=value und werden übersprungen:

%1</translation>
    </message>
    <message>
        <source>Add config vars</source>
        <translation>Config Vars hinzufügen</translation>
    </message>
    <message>
        <source>Set the others?</source>
        <translation>Die übrigen setzen?</translation>
    </message>
    <message>
        <source>Set %1 config vars</source>
        <translation>Config Vars %1 gesetzt</translation>
    </message>
    <message>
        <source>One KEY=value per line (you can paste several):</source>
        <translation>Eine Zeile pro KEY=value (Sie können mehrere einfügen):</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Wert:</translation>
    </message>
    <message>
        <source>Remove config var</source>
        <translation>Config Var entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from %2? The app restarts.</source>
        <translation>%1 aus %2 entfernen? Die App wird neu gestartet.</translation>
    </message>
    <message>
        <source>Remove %1 config vars</source>
        <translation>Config Vars %1 entfernt</translation>
    </message>
    <message>
        <source>Import .env</source>
        <translation>.env importieren</translation>
    </message>
    <message>
        <source>.env files (.env *.env);;All files (*)</source>
        <translation>.env-Dateien (.env *.env);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::CredentialsPage</name>
    <message>
        <source>Machine</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Log Out of Selected</source>
        <translation>Bei Auswahl abmelden</translation>
    </message>
    <message>
        <source>Logins in %1, shared with the official CLI:</source>
        <translation>Anmeldungen in %1, gemeinsam mit der offiziellen CLI:</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::DeployDialog</name>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>renamed</source>
        <translation>umbenannt</translation>
    </message>
    <message>
        <source>type changed</source>
        <translation>Typ geändert</translation>
    </message>
    <message>
        <source>modified</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>Deploy %1</source>
        <translation>%1 bereitstellen</translation>
    </message>
    <message>
        <source>Pushes the project in %1 to the app %2, which builds and releases it.</source>
        <translation>Pusht das Projekt in %1 zur App %2, die daraus einen Build und ein Release erstellt.</translation>
    </message>
    <message>
        <source>Describe the changes</source>
        <translation>Beschreiben Sie die Änderungen</translation>
    </message>
    <message>
        <source>The build output appears here during a deploy.</source>
        <translation>Während eines Deploys erscheint hier die Build-Ausgabe.</translation>
    </message>
    <message>
        <source>Open App</source>
        <translation>App öffnen</translation>
    </message>
    <message>
        <source>Show the app in the web view</source>
        <translation>Die App in der Webansicht anzeigen</translation>
    </message>
    <message>
        <source>Commit and Deploy</source>
        <translation>Committen und bereitstellen</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Bereitstellen</translation>
    </message>
    <message>
        <source>Push the current commit without committing the changes</source>
        <translation>Den aktuellen Commit pushen, ohne die Änderungen zu committen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Changes in the working tree:</source>
        <translation>Änderungen im Arbeitsverzeichnis:</translation>
    </message>
    <message>
        <source>Commit &amp;message:</source>
        <translation>Commit-&amp;Nachricht:</translation>
    </message>
    <message>
        <source>Build output:</source>
        <translation>Build-Ausgabe:</translation>
    </message>
    <message>
        <source>Cannot read the working tree: %1</source>
        <translation>Das Arbeitsverzeichnis kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No changes since the last commit: Deploy pushes that commit.</source>
        <translation>Keine Änderungen seit dem letzten Commit: „Bereitstellen“ pusht diesen Commit.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Write a commit message first.</source>
        <translation>Schreiben Sie zuerst eine Commit-Nachricht.</translation>
    </message>
    <message>
        <source>The app&apos;s git URL is not known yet; try again in a moment.</source>
        <translation>Die Git-URL der App ist noch nicht bekannt; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Deploying %1 to %2…</source>
        <translation>%1 wird auf %2 bereitgestellt…</translation>
    </message>
    <message>
        <source>Committing…</source>
        <translation>Commit wird erstellt…</translation>
    </message>
    <message>
        <source>The changes could not be committed: %1</source>
        <translation>Die Änderungen konnten nicht committet werden: %1</translation>
    </message>
    <message>
        <source>Committed %1 &quot;%2&quot;</source>
        <translation>Commit %1 &quot;%2&quot; erstellt</translation>
    </message>
    <message>
        <source>Deploy cancelled. The changes are committed but not pushed.</source>
        <translation>Deploy abgebrochen. Die Änderungen sind committet, aber nicht gepusht.</translation>
    </message>
    <message>
        <source>Pushing to %1…</source>
        <translation>Push nach %1…</translation>
    </message>
    <message>
        <source>Deploy cancelled. The app keeps the release it had.</source>
        <translation>Deploy abgebrochen. Die App behält ihr bisheriges Release.</translation>
    </message>
    <message>
        <source>Nothing new to deploy: %1 already runs this commit (v%2).</source>
        <translation>Nichts Neues bereitzustellen: %1 führt diesen Commit bereits aus (v%2).</translation>
    </message>
    <message>
        <source>Deployed v%1 to %2.</source>
        <translation>v%1 auf %2 bereitgestellt.</translation>
    </message>
    <message>
        <source>Deployed v%1 to %2: %3</source>
        <translation>v%1 auf %2 bereitgestellt: %3</translation>
    </message>
    <message>
        <source>Deploy failed: %1</source>
        <translation>Deploy fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>There are no changes to commit</source>
        <translation>Es gibt keine Änderungen zum Committen</translation>
    </message>
    <message>
        <source>Commit all the changes and push them</source>
        <translation>Alle Änderungen committen und pushen</translation>
    </message>
    <message>
        <source>Write a commit message to commit the changes</source>
        <translation>Schreiben Sie eine Commit-Nachricht, um die Änderungen zu committen</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::DomainsModel</name>
    <message>
        <source>Hostname</source>
        <translation>Hostname</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>CNAME target</source>
        <translation>CNAME-Ziel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::DomainsTab</name>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Add domain</source>
        <translation>Domain hinzufügen</translation>
    </message>
    <message>
        <source>Hostname (e.g. www.example.test or *.example.test):</source>
        <translation>Hostname (z. B. www.example.test oder *.example.test):</translation>
    </message>
    <message>
        <source>Adding %1</source>
        <translation>Hinzufügen von %1</translation>
    </message>
    <message>
        <source>Added %1: point its CNAME at %2.</source>
        <translation>%1 hinzugefügt: Richten Sie den CNAME auf %2 aus.</translation>
    </message>
    <message>
        <source>Remove domain</source>
        <translation>Domain entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from %2?</source>
        <translation>%1 aus %2 entfernen?</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>Entfernen von %1</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::EditedApp</name>
    <message>
        <source>%1 · v%2</source>
        <translation>%1 · v%2</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::ImportDialog</name>
    <message>
        <source>Import App</source>
        <translation>App importieren</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Choose an app: its repository is cloned into the folder below and opened as the project, with the app as its &quot;heroku&quot; remote.</source>
        <translation>Wählen Sie eine App: Ihr Repository wird in den Ordner unten geklont und als Projekt geöffnet, mit der App als Remote &quot;heroku&quot;.</translation>
    </message>
    <message>
        <source>Reading your apps…</source>
        <translation>Ihre Apps werden gelesen…</translation>
    </message>
    <message>
        <source>Your apps could not be read: %1</source>
        <translation>Ihre Apps konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Nothing pushed yet: there is no repository to import. Deploy to it first.</source>
        <translation>Noch nichts gepusht: Es gibt kein Repository zum Importieren. Führen Sie zuerst einen Deploy durch.</translation>
    </message>
    <message>
        <source>nothing pushed yet</source>
        <translation>noch nichts gepusht</translation>
    </message>
    <message>
        <source>You have no apps yet: create one with File › New › App from Template.</source>
        <translation>Sie haben noch keine Apps: Erstellen Sie eine mit Datei › Neu › App aus Vorlage.</translation>
    </message>
    <message>
        <source>None of your apps has a repository yet: deploy to one first.</source>
        <translation>Keine Ihrer Apps hat bisher ein Repository: Führen Sie zuerst für eine davon einen Deploy durch.</translation>
    </message>
    <message>
        <source>Choose the folder the project goes into.</source>
        <translation>Wählen Sie den Ordner für das Projekt.</translation>
    </message>
    <message>
        <source>The app is cloned into a folder named after it in %1.</source>
        <translation>Die App wird in %1 in einen nach ihr benannten Ordner geklont.</translation>
    </message>
    <message>
        <source>The app is cloned into %1.</source>
        <translation>Die App wird nach %1 geklont.</translation>
    </message>
    <message>
        <source>Folder for the Imported Project</source>
        <translation>Ordner für das importierte Projekt</translation>
    </message>
    <message>
        <source>%1 already exists and is not empty: choose another folder.</source>
        <translation>%1 existiert bereits und ist nicht leer: Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Cannot make the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cloning %1 into %2…</source>
        <translation>%1 wird nach %2 geklont…</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>Import abgebrochen.</translation>
    </message>
    <message>
        <source>The clone failed: %1</source>
        <translation>Klonen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Imported %1 into %2</source>
        <translation>%1 nach %2 importiert</translation>
    </message>
    <message>
        <source>Imported into %1.</source>
        <translation>Nach %1 importiert.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::LogView</name>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Platform (heroku)</source>
        <translation>Plattform (heroku)</translation>
    </message>
    <message>
        <source>Dyno (web, web.1, router)</source>
        <translation>Dyno (web, web.1, router)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>The log stream ended.</source>
        <translation>Der Log-Stream wurde beendet.</translation>
    </message>
    <message>
        <source>The log stream broke: %1</source>
        <translation>Der Log-Stream wurde unterbrochen: %1</translation>
    </message>
    <message>
        <source>Streaming the logs of %1.</source>
        <translation>Logs von %1 werden gestreamt.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Paused: new lines wait until you resume.</source>
        <translation>Angehalten: Neue Zeilen warten, bis Sie fortsetzen.</translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n new line(s) waiting.</source>
        <translation>
            <numerusform>Angehalten: %n neue Zeile wartet.</numerusform>
            <numerusform>Angehalten: %n neue Zeilen warten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::PermissionsDialog</name>
    <message>
        <source>Add collaborator to %1</source>
        <translation>Mitwirkenden zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>Permissions of %1</source>
        <translation>Berechtigungen von %1</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Collaborator:</source>
        <translation>Mitwirkender:</translation>
    </message>
    <message>
        <source>Permissions on %1:</source>
        <translation>Berechtigungen für %1:</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::PlatformClient</name>
    <message>
        <source>The API key was not accepted (HTTP 401).</source>
        <translation>Der API-Schlüssel wurde nicht angenommen (HTTP 401).</translation>
    </message>
    <message>
        <source>The API key was not accepted: %1</source>
        <translation>Der API-Schlüssel wurde nicht angenommen: %1</translation>
    </message>
    <message>
        <source>The platform answered with HTTP %1.</source>
        <translation>Die Plattform antwortete mit HTTP %1.</translation>
    </message>
    <message>
        <source>Cannot reach the platform at %1: %2</source>
        <translation>Die Plattform unter %1 ist nicht erreichbar: %2</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::PlatformPage</name>
    <message>
        <source>The emulator inside Dynodesk (offline, the default)</source>
        <translation>Der Emulator in Dynodesk (offline, Standard)</translation>
    </message>
    <message>
        <source>A Dynodesk server elsewhere</source>
        <translation>Ein Dynodesk-Server an anderer Stelle</translation>
    </message>
    <message>
        <source>The real platform</source>
        <translation>Die echte Plattform</translation>
    </message>
    <message>
        <source>API key (heroku auth:token)</source>
        <translation>API-Schlüssel (heroku auth:token)</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>Server-URL:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <source>Enter the server&apos;s URL, e.g. http://127.0.0.1:5001.</source>
        <translation>Geben Sie die URL des Servers ein, z. B. http://127.0.0.1:5001.</translation>
    </message>
    <message>
        <source>Enter an API key.</source>
        <translation>Geben Sie einen API-Schlüssel ein.</translation>
    </message>
    <message>
        <source>Checking the key…</source>
        <translation>Schlüssel wird geprüft…</translation>
    </message>
    <message>
        <source>The key works, but %1 could not be written.</source>
        <translation>Der Schlüssel funktioniert, aber %1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::PlatformPlugin</name>
    <message>
        <source>My Apps</source>
        <translation>Meine Apps</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>App from &amp;Template…</source>
        <translation>App aus &amp;Vorlage…</translation>
    </message>
    <message>
        <source>&amp;Import App…</source>
        <translation>App &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Platform</source>
        <translation>&amp;Plattform</translation>
    </message>
    <message>
        <source>&amp;My Apps</source>
        <translation>&amp;Meine Apps</translation>
    </message>
    <message>
        <source>&amp;Deploy Project…</source>
        <translation>Projekt &amp;bereitstellen…</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>&amp;Team</translation>
    </message>
    <message>
        <source>&amp;Commit and Push…</source>
        <translation>&amp;Committen und pushen…</translation>
    </message>
    <message>
        <source>Deploy…</source>
        <translation>Bereitstellen…</translation>
    </message>
    <message>
        <source>Reading the account</source>
        <translation>Lesen des Kontos</translation>
    </message>
    <message>
        <source>App: %1</source>
        <translation>App: %1</translation>
    </message>
    <message>
        <source>Logs: %1</source>
        <translation>Logs: %1</translation>
    </message>
    <message>
        <source>Deploy %1</source>
        <translation>%1 bereitstellen</translation>
    </message>
    <message>
        <source>No project is open. Import %1 into a folder first?</source>
        <translation>Es ist kein Projekt geöffnet. %1 zuerst in einen Ordner importieren?</translation>
    </message>
    <message>
        <source>The open project is not %1&apos;s repository (its heroku remote is not %2). Import %1 into a folder first?</source>
        <translation>Das geöffnete Projekt ist nicht das Repository von %1 (sein heroku-Remote ist nicht %2). %1 zuerst in einen Ordner importieren?</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Bereitstellen</translation>
    </message>
    <message>
        <source>The open project has no heroku git remote. Use Import App, or Deploy... on an app in My Apps.</source>
        <translation>Das geöffnete Projekt hat kein heroku-Git-Remote. Verwenden Sie „App importieren“ oder „Bereitstellen...“ bei einer App in „Meine Apps“.</translation>
    </message>
    <message>
        <source>The project&apos;s heroku remote (%1) is none of your apps.</source>
        <translation>Das heroku-Remote des Projekts (%1) gehört zu keiner Ihrer Apps.</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>Deploy from app.&amp;json…</source>
        <translation>Aus app.&amp;json bereitstellen…</translation>
    </message>
    <message>
        <source>Open Deploy &amp;Link…</source>
        <translation>Deploy-&amp;Link öffnen…</translation>
    </message>
    <message>
        <source>Open Deploy Link</source>
        <translation>Deploy-Link öffnen</translation>
    </message>
    <message>
        <source>Deploy from app.json</source>
        <translation>Aus app.json bereitstellen</translation>
    </message>
    <message>
        <source>A Deploy to Heroku button link (https://heroku.com/deploy?template=…):</source>
        <translation>Ein Link eines „Deploy to Heroku“-Buttons (https://heroku.com/deploy?template=…):</translation>
    </message>
    <message>
        <source>A folder or a .tgz tarball holding an app.json, or the http(s) URL of such a tarball:</source>
        <translation>Ein Ordner oder ein .tgz-Tarball mit einer app.json oder die http(s)-URL eines solchen Tarballs:</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::PlatformPreferences</name>
    <message>
        <source>Platform · %1</source>
        <translation>Plattform · %1</translation>
    </message>
    <message>
        <source>Remote server · %1</source>
        <translation>Entfernter Server · %1</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::PluginContext</name>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::ProcessesTab</name>
    <message>
        <source>Process type / dyno</source>
        <translation>Prozesstyp / Dyno</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Scale…</source>
        <translation>Skalieren…</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logs</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Restarts the selected dyno, or every dyno when none is selected</source>
        <translation>Startet den ausgewählten Dyno neu oder alle Dynos, wenn keiner ausgewählt ist</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1 seit %2</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::ReleasesModel</name>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::ReleasesTab</name>
    <message>
        <source>Roll back to here</source>
        <translation>Auf diese Version zurücksetzen</translation>
    </message>
    <message>
        <source>Show config vars</source>
        <translation>Config Vars anzeigen</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Roll %1 back to v%2? Its code and config vars become current.</source>
        <translation>%1 auf v%2 zurücksetzen? Code und Config Vars dieser Version werden wieder aktuell.</translation>
    </message>
    <message>
        <source>Rolling back to v%1</source>
        <translation>Zurücksetzen auf v%1</translation>
    </message>
    <message>
        <source>Rolled back to v%1 · v%2</source>
        <translation>Auf v%1 zurückgesetzt · v%2</translation>
    </message>
    <message>
        <source>Reading v%1&apos;s config vars</source>
        <translation>Lesen der Config Vars von v%1</translation>
    </message>
    <message>
        <source>Config vars of v%1</source>
        <translation>Config Vars von v%1</translation>
    </message>
    <message>
        <source>No config vars.</source>
        <translation>Keine Config Vars.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::SetupProgress</name>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>in progress…</source>
        <translation>läuft…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>nicht nötig</translation>
    </message>
    <message>
        <source>The build output appears here when the build starts.</source>
        <translation>Die Build-Ausgabe erscheint hier, sobald der Build beginnt.</translation>
    </message>
    <message>
        <source>Postdeploy output:</source>
        <translation>Postdeploy-Ausgabe:</translation>
    </message>
    <message>
        <source>Build output:</source>
        <translation>Build-Ausgabe:</translation>
    </message>
    <message>
        <source>Your app %1 was successfully deployed.</source>
        <translation>Ihre App %1 wurde erfolgreich bereitgestellt.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>There was an issue deploying your app: %1</source>
        <translation>Beim Bereitstellen Ihrer App ist ein Problem aufgetreten: %1</translation>
    </message>
    <message>
        <source>There was an issue deploying %1: %2</source>
        <translation>Beim Bereitstellen von %1 ist ein Problem aufgetreten: %2</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::SetupRunner</name>
    <message>
        <source>Creating app</source>
        <translation>Erstellen der App</translation>
    </message>
    <message>
        <source>Configuring environment</source>
        <translation>Konfigurieren der Umgebung</translation>
    </message>
    <message>
        <source>Installing add-ons</source>
        <translation>Installieren der Add-ons</translation>
    </message>
    <message>
        <source>Building app</source>
        <translation>Build der App</translation>
    </message>
    <message>
        <source>Releasing app</source>
        <translation>Release der App</translation>
    </message>
    <message>
        <source>Running postdeploy script</source>
        <translation>Ausführen des Postdeploy-Skripts</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>Packing %1…</source>
        <translation>%1 wird gepackt…</translation>
    </message>
    <message>
        <source>The source could not be packed: %1</source>
        <translation>Die Quelle konnte nicht gepackt werden: %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Uploading the source (%1 KB)…</source>
        <translation>Die Quelle wird hochgeladen (%1 KB)…</translation>
    </message>
    <message>
        <source>The source could not be uploaded: %1</source>
        <translation>Die Quelle konnte nicht hochgeladen werden: %1</translation>
    </message>
    <message>
        <source>Creating the app…</source>
        <translation>App wird erstellt…</translation>
    </message>
    <message>
        <source>The setup could not be read: %1</source>
        <translation>Das Setup konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The app.json manifest has errors.</source>
        <translation>Das app.json-Manifest enthält Fehler.</translation>
    </message>
    <message>
        <source>Cancelled. The platform finishes a setup it has started; the app stays.</source>
        <translation>Abgebrochen. Die Plattform schließt ein begonnenes Setup ab; die App bleibt bestehen.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::SshKeysPage</name>
    <message>
        <source>Add from ~/.ssh…</source>
        <translation>Aus ~/.ssh hinzufügen…</translation>
    </message>
    <message>
        <source>Generate…</source>
        <translation>Erzeugen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>SSH keys of your account on the connected platform:</source>
        <translation>SSH-Schlüssel Ihres Kontos auf der verbundenen Plattform:</translation>
    </message>
    <message>
        <source>Add SSH key</source>
        <translation>SSH-Schlüssel hinzufügen</translation>
    </message>
    <message>
        <source>Public keys (*.pub)</source>
        <translation>Öffentliche Schlüssel (*.pub)</translation>
    </message>
    <message>
        <source>Connect to a platform to manage SSH keys.</source>
        <translation>Verbinden Sie sich mit einer Plattform, um SSH-Schlüssel zu verwalten.</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n Schlüssel</numerusform>
            <numerusform>%n Schlüssel</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Generating %1…</source>
        <translation>%1 wird erzeugt…</translation>
    </message>
    <message>
        <source>ssh-keygen failed: %1</source>
        <translation>ssh-keygen ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>ssh-keygen could not be started. Is OpenSSH installed?</source>
        <translation>ssh-keygen konnte nicht gestartet werden. Ist OpenSSH installiert?</translation>
    </message>
    <message>
        <source>SSH Keys</source>
        <translation>SSH-Schlüssel</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::StreamReader</name>
    <message>
        <source>The stream answered with HTTP %1.</source>
        <translation>Der Stream antwortete mit HTTP %1.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::TeamCollaboratorsModel</name>
    <message>
        <source>Team admins hold every permission.</source>
        <translation>Team-Administratoren haben alle Berechtigungen.</translation>
    </message>
    <message>
        <source>Team members can view the team&apos;s unlocked apps.</source>
        <translation>Team-Mitglieder sehen die nicht gesperrten Apps des Teams.</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::TeamCollaboratorsTab</name>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Add a collaborator with permissions</source>
        <translation>Einen Mitwirkenden mit Berechtigungen hinzufügen</translation>
    </message>
    <message>
        <source>Edit Permissions…</source>
        <translation>Berechtigungen bearbeiten…</translation>
    </message>
    <message>
        <source>Change the selected collaborator&apos;s permissions</source>
        <translation>Die Berechtigungen des ausgewählten Mitwirkenden ändern</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected collaborator</source>
        <translation>Den ausgewählten Mitwirkenden entfernen</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>%1 belongs to the team %2 and is locked: only the team&apos;s admins and the app&apos;s collaborators can see it. Your role: %3.</source>
        <translation>%1 gehört zum Team %2 und ist gesperrt: Nur die Administratoren des Teams und die Mitwirkenden der App sehen sie. Ihre Rolle: %3.</translation>
    </message>
    <message>
        <source>%1 belongs to the team %2. Your role: %3.</source>
        <translation>%1 gehört zum Team %2. Ihre Rolle: %3.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>You need the manage permission on %1 for this.</source>
        <translation>Dazu brauchen Sie die Berechtigung „Verwalten“ für %1.</translation>
    </message>
    <message>
        <source>Let every team member see %1 again</source>
        <translation>Alle Team-Mitglieder %1 wieder sehen lassen</translation>
    </message>
    <message>
        <source>Hide %1 from team members who are not its collaborators</source>
        <translation>%1 vor Team-Mitgliedern verbergen, die keine Mitwirkenden sind</translation>
    </message>
    <message>
        <source>Adding %1</source>
        <translation>Hinzufügen von %1</translation>
    </message>
    <message>
        <source>Added %1 to %2 with %3.</source>
        <translation>%1 mit %3 zu %2 hinzugefügt.</translation>
    </message>
    <message>
        <source>%1 is an admin of %2 and holds every permission.</source>
        <translation>%1 ist Administrator von %2 und hat alle Berechtigungen.</translation>
    </message>
    <message>
        <source>Changing the permissions of %1</source>
        <translation>Ändern der Berechtigungen von %1</translation>
    </message>
    <message>
        <source>%1 now has %2 on %3.</source>
        <translation>%1 hat jetzt %2 für %3.</translation>
    </message>
    <message>
        <source>%1 is a member of %2, not a collaborator of %3: remove them from the team instead.</source>
        <translation>%1 ist Mitglied von %2, kein Mitwirkender von %3: Entfernen Sie das Mitglied stattdessen aus dem Team.</translation>
    </message>
    <message>
        <source>Remove collaborator</source>
        <translation>Mitwirkenden entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from %2?</source>
        <translation>%1 aus %2 entfernen?</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>Entfernen von %1</translation>
    </message>
    <message>
        <source>Removed %1 from %2.</source>
        <translation>%1 aus %2 entfernt.</translation>
    </message>
    <message>
        <source>Locking %1</source>
        <translation>Sperren von %1</translation>
    </message>
    <message>
        <source>Unlocking %1</source>
        <translation>Entsperren von %1</translation>
    </message>
    <message>
        <source>Locked %1: team members without permissions on it no longer see it.</source>
        <translation>%1 gesperrt: Team-Mitglieder ohne Berechtigungen dafür sehen die App nicht mehr.</translation>
    </message>
    <message>
        <source>Unlocked %1.</source>
        <translation>%1 entsperrt.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::TemplateWizard</name>
    <message>
        <source>New App from Template</source>
        <translation>Neue App aus Vorlage</translation>
    </message>
    <message>
        <source>Deploy %1</source>
        <translation>%1 bereitstellen</translation>
    </message>
    <message>
        <source>Leave blank for a generated name</source>
        <translation>Leer lassen für einen generierten Namen</translation>
    </message>
    <message>
        <source>3 to 30 lowercase letters, digits and dashes, starting with a letter</source>
        <translation>3 bis 30 Kleinbuchstaben, Ziffern und Bindestriche, beginnend mit einem Buchstaben</translation>
    </message>
    <message>
        <source>App &amp;name:</source>
        <translation>App-&amp;Name:</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fertigstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>No templates found in %1.</source>
        <translation>Keine Vorlagen in %1 gefunden.</translation>
    </message>
    <message>
        <source>Add-ons: %1</source>
        <translation>Add-ons: %1</translation>
    </message>
    <message>
        <source>Files: %1</source>
        <translation>Dateien: %1</translation>
    </message>
    <message>
        <source>Choose the folder the project goes into.</source>
        <translation>Wählen Sie den Ordner für das Projekt.</translation>
    </message>
    <message>
        <source>The project will be cloned into %1, in a folder named after the app.</source>
        <translation>Das Projekt wird in %1 in einen nach der App benannten Ordner geklont.</translation>
    </message>
    <message>
        <source>The project will be cloned into %1.</source>
        <translation>Das Projekt wird nach %1 geklont.</translation>
    </message>
    <message>
        <source>Folder for the New Project</source>
        <translation>Ordner für das neue Projekt</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Wählen Sie eine Vorlage.</translation>
    </message>
    <message>
        <source>%1 already exists and is not empty.</source>
        <translation>%1 existiert bereits und ist nicht leer.</translation>
    </message>
    <message>
        <source>Cannot make the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The app could not be created: %1</source>
        <translation>Die App konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Created %1 from the %2 template: %3 | %4</source>
        <translation>%1 aus der Vorlage %2 erstellt: %3 | %4</translation>
    </message>
    <message>
        <source>Cloning %1 into %2…</source>
        <translation>%1 wird nach %2 geklont…</translation>
    </message>
    <message>
        <source>Create %1 from the %2 template</source>
        <translation>%1 aus der Vorlage %2 erstellen</translation>
    </message>
    <message>
        <source>Copying the %1 template…</source>
        <translation>Vorlage %1 wird kopiert…</translation>
    </message>
    <message>
        <source>Committing…</source>
        <translation>Commit wird erstellt…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The first deploy failed: %1</source>
        <translation>Der erste Deploy ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Created %1 and deployed v%2: %3</source>
        <translation>%1 erstellt und v%2 bereitgestellt: %3</translation>
    </message>
    <message>
        <source>Created %1: %2</source>
        <translation>%1 erstellt: %2</translation>
    </message>
    <message>
        <source>%1
The app %2 exists on the platform; open it from My Apps, or destroy it there if you do not want it.</source>
        <translation>%1
Die App %2 existiert auf der Plattform; öffnen Sie sie über „Meine Apps“ oder löschen Sie sie dort, wenn Sie sie nicht benötigen.</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Choose a template. Finish sets the app up on the platform from the template and its app.json, clones it into a folder and opens it as the project.</source>
        <translation>Wählen Sie eine Vorlage. „Fertigstellen“ richtet die App auf der Plattform aus der Vorlage und ihrer app.json ein, klont sie in einen Ordner und öffnet sie als Projekt.</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder for the template.</source>
        <translation>Für die Vorlage kann kein temporärer Ordner angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The app could not be read: %1</source>
        <translation>Die App konnte nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::appactions::ScaleDialog</name>
    <message>
        <source>Scale %1</source>
        <translation>%1 skalieren</translation>
    </message>
    <message>
        <source>Reading the formation…</source>
        <translation>Formation wird gelesen…</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Skalieren</translation>
    </message>
    <message>
        <source>This app has no process types yet: deploy it first.</source>
        <translation>Diese App hat noch keine Prozesstypen: Stellen Sie sie zuerst bereit.</translation>
    </message>
    <message>
        <source>Scaling…</source>
        <translation>Wird skaliert…</translation>
    </message>
    <message>
        <source>Scaled %1: %2</source>
        <translation>%1 skaliert: %2</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::manifest</name>
    <message>
        <source>app.json is not valid JSON: %1 (at character %2).</source>
        <translation>app.json ist kein gültiges JSON: %1 (bei Zeichen %2).</translation>
    </message>
    <message>
        <source>app.json is not a JSON object.</source>
        <translation>app.json ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>There is no app.json in %1.</source>
        <translation>In %1 gibt es keine app.json.</translation>
    </message>
    <message>
        <source>%1 is not a gzip tarball.</source>
        <translation>%1 ist kein gzip-Tarball.</translation>
    </message>
    <message>
        <source>%1 could not be read as a tarball: %2</source>
        <translation>%1 konnte nicht als Tarball gelesen werden: %2</translation>
    </message>
    <message>
        <source>There is no app.json at the root of %1 or in its top-level folder.</source>
        <translation>Weder im Stammverzeichnis von %1 noch in seinem obersten Ordner gibt es eine app.json.</translation>
    </message>
    <message>
        <source>app.json could not be extracted from %1: %2</source>
        <translation>app.json konnte nicht aus %1 entpackt werden: %2</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>Name is too short (minimum is 3 characters)</source>
        <translation>Der Name ist zu kurz (mindestens 3 Zeichen)</translation>
    </message>
    <message>
        <source>Name is too long (maximum is 30 characters)</source>
        <translation>Der Name ist zu lang (höchstens 30 Zeichen)</translation>
    </message>
    <message>
        <source>Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes.</source>
        <translation>Der Name muss mit einem Buchstaben beginnen, mit einem Buchstaben oder einer Ziffer enden und darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.</translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::templates</name>
    <message>
        <source>Cannot copy %1 into %2: %3</source>
        <translation>%1 kann nicht nach %2 kopiert werden: %3</translation>
    </message>
</context>
</TS>

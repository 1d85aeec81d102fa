<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>dynodesk::app::ApiClient</name>
    <message>
        <source>The API key was not accepted.</source>
        <translation>Der API-Schlüssel wurde nicht angenommen.</translation>
    </message>
    <message>
        <source>The API key was not accepted: %1</source>
        <translation>Der API-Schlüssel wurde nicht angenommen: %1</translation>
    </message>
    <message>
        <source>The server answered with HTTP %1.</source>
        <translation>Der Server antwortete mit HTTP %1.</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
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
        <source>Platform · %1</source>
        <translation>Plattform · %1</translation>
    </message>
    <message>
        <source>Remote server · %1</source>
        <translation>Entfernter Server · %1</translation>
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
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>SSH Keys</source>
        <translation>SSH-Schlüssel</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
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
</context>
<context>
    <name>dynodesk::app::SshKeysPage</name>
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
    <name>dynodesk::ideplugin::PlatformPlugin</name>
    <message>
        <source>Platform plugin loaded; Platform API at %1</source>
        <translation>Plattform-Plugin geladen; Platform-API unter %1</translation>
    </message>
</context>
</TS>

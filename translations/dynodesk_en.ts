<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>dynodesk::app::FindBar</name>
    <message numerus="yes">
        <source>Replaced %n occurrence(s)</source>
        <translation>
            <numerusform>Replaced %n occurrence</numerusform>
            <numerusform>Replaced %n occurrences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::AppsView</name>
    <message numerus="yes">
        <source>%n app(s)</source>
        <translation>
            <numerusform>%n app</numerusform>
            <numerusform>%n apps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::ButtonDeployDialog</name>
    <message numerus="yes">
        <source>%1: %n dyno(s)</source>
        <translation>
            <numerusform>%1: %n dyno</numerusform>
            <numerusform>%1: %n dynos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::LogView</name>
    <message numerus="yes">
        <source>Paused: %n new line(s) waiting.</source>
        <translation>
            <numerusform>Paused: %n new line waiting.</numerusform>
            <numerusform>Paused: %n new lines waiting.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dynodesk::ideplugin::SshKeysPage</name>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform>
            <numerusform>%n keys</numerusform>
        </translation>
    </message>
</context>
</TS>

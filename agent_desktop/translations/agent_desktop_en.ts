<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>in %n d</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n h</source>
        <translation>
            <numerusform>in %n h</numerusform>
            <numerusform>in %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n min</source>
        <translation>
            <numerusform>in %n min</numerusform>
            <numerusform>in %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n s</source>
        <translation>
            <numerusform>in %n s</numerusform>
            <numerusform>in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the time must be at least %n minute(s) from now</source>
        <translation>
            <numerusform>the time must be at least %n minute from now</numerusform>
            <numerusform>the time must be at least %n minutes from now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled message(s) of this account will still be sent at their time.</source>
        <translation>
            <numerusform>%n scheduled message of this account will still be sent at its time.</numerusform>
            <numerusform>%n scheduled messages of this account will still be sent at their time.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled message(s) in this app&apos;s outbox will not be sent until you sign in again.</source>
        <translation>
            <numerusform>%n scheduled message in this app&apos;s outbox will not be sent until you sign in again.</numerusform>
            <numerusform>%n scheduled messages in this app&apos;s outbox will not be sent until you sign in again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled message(s) will still go out at their time, sent in the background while this computer is on.</source>
        <translation>
            <numerusform>%n scheduled message will still go out at its time, sent in the background while this computer is on.</numerusform>
            <numerusform>%n scheduled messages will still go out at their time, sent in the background while this computer is on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled message(s) wait in this app&apos;s outbox, and sending is paused: nothing goes out until sending is resumed.</source>
        <translation>
            <numerusform>%n scheduled message waits in this app&apos;s outbox, and sending is paused: nothing goes out until sending is resumed.</numerusform>
            <numerusform>%n scheduled messages wait in this app&apos;s outbox, and sending is paused: nothing goes out until sending is resumed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) pending</source>
        <translation>
            <numerusform>%n message pending</numerusform>
            <numerusform>%n messages pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>at most %n attachment(s) here</source>
        <translation>
            <numerusform>at most %n attachment here</numerusform>
            <numerusform>at most %n attachments here</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled message(s) in this app&apos;s outbox wait until you sign in again.</source>
        <translation>
            <numerusform>%n scheduled message in this app&apos;s outbox waits until you sign in again.</numerusform>
            <numerusform>%n scheduled messages in this app&apos;s outbox wait until you sign in again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The damaged file will be kept aside, not deleted. Restore the backup from {when} (%n scheduled message(s))? Scheduled messages added since then are not in it.</source>
        <translation>
            <numerusform>The damaged file will be kept aside, not deleted. Restore the backup from {when} (%n scheduled message)? Scheduled messages added since then are not in it.</numerusform>
            <numerusform>The damaged file will be kept aside, not deleted. Restore the backup from {when} (%n scheduled messages)? Scheduled messages added since then are not in it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} (taken {when}, %n scheduled message(s))</source>
        <translation>
            <numerusform>{name} (taken {when}, %n scheduled message)</numerusform>
            <numerusform>{name} (taken {when}, %n scheduled messages)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>sending from {home}: %n message(s) waiting; Ctrl+C stops</source>
        <translation>
            <numerusform>sending from {home}: %n message waiting; Ctrl+C stops</numerusform>
            <numerusform>sending from {home}: %n messages waiting; Ctrl+C stops</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>this computer&apos;s clock is %n minute(s) ahead of the server&apos;s</source>
        <translation>
            <numerusform>this computer&apos;s clock is %n minute ahead of the server&apos;s</numerusform>
            <numerusform>this computer&apos;s clock is %n minutes ahead of the server&apos;s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>this computer&apos;s clock is %n minute(s) behind the server&apos;s</source>
        <translation>
            <numerusform>this computer&apos;s clock is %n minute behind the server&apos;s</numerusform>
            <numerusform>this computer&apos;s clock is %n minutes behind the server&apos;s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more in the Scheduled tab</source>
        <translation>
            <numerusform>and %n more in the Scheduled tab</numerusform>
            <numerusform>and %n more in the Scheduled tab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>

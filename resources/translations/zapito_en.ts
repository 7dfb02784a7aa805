<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConversationStore</name>
    <message>
        <source>No conversation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No handoff event %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The inbox database %1 is damaged or is not a Zapito Inbox database (%2). Nothing was changed. Restore it from a backup, or move it aside to start with an empty inbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inbox database %1 is already open in another Zapito Inbox (%2). Switch to that window, or quit it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inbox database %1 is locked by another program (%2). Close the program that holds it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inbox database %1 was written by a newer version of Zapito Inbox (%2). Nothing was changed. Install the newer version to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inbox database %1 could not be upgraded (%2). Nothing was changed. Restore it from a backup or report the problem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inbox database %1 cannot be opened (%2). Check that it is a file and that you may read and write it and its folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its folder cannot be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema version %1; this version knows up to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 belongs to another program: it is an SQLite database without Zapito Inbox&apos;s tables (%2). Nothing was changed. Choose another file with --database, or move it aside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inbox database %1 cannot be written (%2). Nothing was changed. Give your user write permission on the file and its folder, or copy it somewhere writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no inbox database at %1 (%2). Nothing was created; check the path given with --database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inbox database %1 was written by an older version (%2). Open it once with Zapito Inbox to upgrade it; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it cannot be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) of its own</source>
        <translation>
            <numerusform>%n table of its own</numerusform>
            <numerusform>%n tables of its own</numerusform>
        </translation>
    </message>
    <message>
        <source>schema version %1, this version uses %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL server of %1 cannot be reached (%2). Check the host and port, and that the server is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL refused the login for %1 (%2). Check the user name, and give the password in PGPASSWORD or ~/.pgpass (never in the URL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no inbox in the PostgreSQL database %1 (%2). Nothing was created; check the name in the URL, create the database (createdb), or open it once with Zapito Inbox to set it up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL database %1 belongs to another program: it has tables but not Zapito Inbox&apos;s (%2). Nothing was changed. Give Zapito Inbox a database of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inbox database %1 cannot be opened (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a postgresql://user@host:port/database URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the URL option %1 is not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a password does not belong in the URL: give it in PGPASSWORD or ~/.pgpass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the URL names no database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database holds no inbox yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboundPlaceholder</name>
    <message>
        <source>[Photo]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Video]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Video message]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Voice message]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Audio]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[GIF]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Sticker]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Document]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Location]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Contact]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Poll]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Reaction]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Empty message]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Unsupported message]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand off to a human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log to CRM (does nothing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscriptText</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed to a human · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved by %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attempts yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the attempts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this handoff to the webhook now instead of at its next try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post this handoff to the webhook again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this message to the customer again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a sample conversation: its handoffs never reach a real endpoint, so there is nothing to resend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a sample conversation: it never reaches a real customer, so a reply cannot be sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WriteTransaction</name>
    <message>
        <source>Another program is writing to the inbox right now, so nothing was changed. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Load the sample conversations (if not loaded yet) and start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triage the conversations your support bot hands to a human.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands (zapito-inbox COMMAND --help for more):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the channels, the bot and webhook delivery without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check a webhook signature: exit 0 on a match, 1 otherwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read or change a setting: settings get|set KEY [VALUE]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List conversations: list [--needs-human] [--json]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List webhook deliveries: deliveries [--json]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a conversation back to the bot: resolve CONVERSATION_ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer a customer as the operator, text on standard input: reply CONVERSATION_ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post a signed sample lead to the webhook endpoint: exit 0 on a 2xx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the process that leads the inbox, and the standbys and seats online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the inbox at &lt;location&gt;: an SQLite file, or a PostgreSQL database shared by a team as postgresql://user@host:port/dbname (the password from PGPASSWORD or ~/.pgpass, never in the URL). Default: the setting database.location, else inbox.sqlite in your data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings in %1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot open the inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the samples</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito</name>
    <message>
        <source>Telegram user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flow handoff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked for a human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped (no webhook was configured)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed after 1 attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending retry (the first attempt failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>waiting %n min</source>
        <translation>
            <numerusform>waiting %n min</numerusform>
            <numerusform>waiting %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>waiting %n h</source>
        <translation>
            <numerusform>waiting %n h</numerusform>
            <numerusform>waiting %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>a duration in seconds</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Failed after %n attempts</source>
        <translation>
            <numerusform>Failed after %n attempt</numerusform>
            <numerusform>Failed after %n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pending retry (%n attempts failed)</source>
        <translation>
            <numerusform>Pending retry (%n attempt failed)</numerusform>
            <numerusform>Pending retry (%n attempts failed)</numerusform>
        </translation>
    </message>
    <message>
        <source>Another operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is viewing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are viewing</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n others are typing…</source>
        <translation>
            <numerusform>%1 and %n other is typing…</numerusform>
            <numerusform>%1 and %n others are typing…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n others are viewing</source>
        <translation>
            <numerusform>%1 and %n other is viewing</numerusform>
            <numerusform>%1 and %n others are viewing</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>who is typing, then who is viewing</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::BotName</name>
    <message>
        <source>My bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>control characters are not allowed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::BotPage</name>
    <message>
        <source>Match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keywords or expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flow: tried in order, first match answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handoff message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply with the message below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand off to a human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rule matches and no model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallback reply:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model (OpenAI-compatible: OpenAI, llama.cpp server, Ollama …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not needed for a local server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model replies per month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model base URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Telegram&apos;s name for the bot once connected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown on the bot&apos;s messages and sent as bot.name in every webhook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 used this month</source>
        <translation>
            <numerusform>%n of %1 used this month</numerusform>
            <numerusform>%n of %1 used this month</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n used this month</source>
        <translation>
            <numerusform>%n used this month</numerusform>
            <numerusform>%n used this month</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>zapito::BotSettings</name>
    <message>
        <source>Connecting you with a team member right away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are a friendly customer-support assistant. Answer briefly. If the customer asks for a person, call request_human.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thanks for your message! I don&apos;t have an answer to that here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thanks for your message! I don&apos;t have an answer to that here; say &quot;%1&quot; to talk to a person.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::ChannelConnector</name>
    <message>
        <source>Customer messages cannot be stored yet (nothing receives them).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::ChannelOutboxStore</name>
    <message>
        <source>Only a message whose send failed can be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::ChannelsPage</name>
    <message>
        <source>Receive and answer Telegram messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive and answer WhatsApp messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot API URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp (Cloud API)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graph API URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta must reach the listener over HTTPS: put a reverse proxy or a tunnel in front of this address and port and give Meta its public URL as the callback URL, with the verify token above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram Bot API URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram needs the bot token from @BotFather.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graph API URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The listen address must be an IP address such as 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp needs the phone number id, access token, app secret and verify token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; the channels reconnect. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::ConnectorHub</name>
    <message>
        <source>A %1 message could not be stored: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret %1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>What needs a secret that could not be read keeps its current settings; the secrets are read again in %n s.</source>
        <translation>
            <numerusform>What needs a secret that could not be read keeps its current settings; the secrets are read again in %n s.</numerusform>
            <numerusform>What needs a secret that could not be read keeps its current settings; the secrets are read again in %n s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>zapito::ConversationDecider</name>
    <message>
        <source>Undecided messages could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bot&apos;s answer could not be recorded (%1); trying again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::ConversationEngine</name>
    <message>
        <source>The reply is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer did not receive a message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a sample conversation: there is no customer to reply to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no %1 channel, so the reply cannot reach the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a sample conversation: there is no customer to send to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::ConversationListPanel</name>
    <message>
        <source>Search names, numbers and messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations match “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search looks at contact names, phone numbers and message text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When customers message your bot on WhatsApp or Telegram, their conversations appear here. The ones the bot hands to a person also show up under Needs a human.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load sample conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is waiting for a human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the bot hands a conversation over, it appears here and you get a notification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations the bot handed to a human, waiting longest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations assigned to you or taken over by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations the bot is handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations an operator resolved; reopen one to hand it back to a human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs a human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+</source>
        <extracomment>A search&apos;s count that stopped at its limit: at least this many, e.g. &quot;500+&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2</source>
        <extracomment>A view&apos;s tab: its name and how many conversations it holds, e.g. &quot;Mine 3&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is assigned to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations you reply to or assign to yourself (A) show up here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing resolved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations you mark resolved show up here, to reopen if needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bot has no conversations</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::ConversationStore</name>
    <message>
        <source>No bot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation has no open handoff to resolve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already resolved by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation is not resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation changed meanwhile; it was not reopened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::DeliveryStore</name>
    <message>
        <source>There is no handoff event %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handoff event %1 has an unknown delivery outcome.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::DesktopAlerts</name>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>desktop notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>desktop notifications (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapito Inbox is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window leads the inbox, so it keeps receiving messages and sending leads with its window closed. To stop it, choose File → Quit (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Zapito Inbox again to bring its window back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::DesktopNotifier</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::FlowRule</name>
    <message>
        <source>The rule has nothing to match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The regular expression is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::HandoffCardLayout</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::HandoffNotifier</name>
    <message>
        <source>%1 needs a human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n conversations need a human</source>
        <translation>
            <numerusform>%n conversation needs a human</numerusform>
            <numerusform>%n conversations need a human</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n more</numerusform>
            <numerusform>%n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>zapito::InboxServices</name>
    <message>
        <source>My bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The channels, the bot and the webhook could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window no longer leads the inbox.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::IntegrationsPage</name>
    <message>
        <source>Send every handoff to this endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send test event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate one, or paste the secret your receiver expects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint&apos;s response appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On every handoff, Zapito POSTs the lead as JSON to this endpoint, signed with X-Zapito-Signature (HMAC-SHA256 of the body with your secret).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored secret could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the endpoint URL to send a test event to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New secret generated. Apply or OK stores it; give it to your receiver too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ HTTP %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ HTTP %1 in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ %1 (after %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::Leadership</name>
    <message>
        <source>the webhook signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Telegram bot token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the WhatsApp access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the WhatsApp app secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This process cannot lead: %1 cannot be read here (%2). It stays a seat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window leads: it runs the channels, the bot and the webhook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No process leads this inbox: nothing is received or sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Led by %1, since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This process lost its hold on the lead of the inbox (its connection to the database ended), so another process may lead now; it stops, so that nothing is sent twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::MainWindow</name>
    <message>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the inbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load &amp;sample conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove sample conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the &amp;list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Zapito Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Zapito Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapito Inbox %1
The conversations your support bot hands to a human, with a signed lead webhook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample conversations loaded. Remove them any time from the File menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample conversations removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbox (%1 need a human)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another process leads this inbox; resend the lead there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move around</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑ / ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move through the conversation list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the conversation and start a reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Views and search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc (in search)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: the conversation is open again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::NotificationsPage</name>
    <message>
        <source>Show a desktop notification when a conversation needs a human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::OutboundSender</name>
    <message>
        <source>This is a sample conversation: there is no customer to send to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not connected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::PreviewChannel</name>
    <message>
        <source>Always available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview customer %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::PreviewChatWindow</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write as the customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are the customer here. Messages go through the bot exactly as a Telegram or WhatsApp message would, and show up in the inbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation as “%1”. The bot answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed to a human: the bot is silent until the conversation is marked resolved in the inbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved: the bot answers again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::ReplyBox</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not connected yet, so a reply cannot reach %2. Connect the channel to answer from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write to the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write an internal note: only your team sees it, the customer never does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert an emoji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal note: the customer never sees it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the note for your team (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for your team; %1 never sees it…  (Ctrl+Enter adds it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to %1…  (Ctrl+Enter sends, / for saved replies)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 / %2 · sent as %n messages</source>
        <translation>
            <numerusform>%1 / %2 · sent as %n message</numerusform>
            <numerusform>%1 / %2 · sent as %n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Longer than one message can be: the reply is split into parts, at a line break or a space where it can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One message takes at most %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::SavedRepliesPage</name>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We are open Monday to Friday, 8:00 to 18:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers you give often. In the reply box, type / and the start of a name (/hours), then Enter or Tab puts the text in; Esc closes the list. Plain text only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved. %n without a name or a text, or with a name used twice, was left out.</source>
        <translation>
            <numerusform>Saved. %n without a name or a text, or with a name used twice, was left out.</numerusform>
            <numerusform>Saved. %n without a name or a text, or with a name used twice, were left out.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::SecretStore</name>
    <message>
        <source>No system keychain is available, so secrets are kept in the file %1, readable only by you (mode 0600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets are kept in the system keychain (service “%1”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain refused to read the secret: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain refused to store the secret: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the secrets file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the secrets file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the secrets file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make the secrets file %1 private to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain did not answer within %1 s (it may be waiting to be unlocked); trying again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secrets file %1 is damaged (%2), so it is neither read nor written. Restore it from a backup, or remove it and enter the secrets again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These settings pages have changes that are not saved: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::SettingsPage</name>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <extracomment>Between two keys that do the same, e.g. &quot;Alt+Down or J&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::TelegramChannel</name>
    <message>
        <source>Telegram is switched off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram needs a bot token (from @BotFather).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to Telegram…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trying again in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram refused the bot token (HTTP %1). Check it under Settings → Channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram will not deliver updates by polling while a webhook is set for this bot, or while another program polls with the same token (HTTP 409). Remove the webhook (deleteWebhook) or stop the other program; %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram asks to slow down (HTTP 429); polling again in %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach Telegram (%1); %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram sent an answer that could not be read; %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected; receiving messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram is not configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram did not take the message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Telegram message could not be stored (%1); trying again in %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::TranscriptPane</name>
    <message>
        <source>Mark resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the handoff and let the bot answer again (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversation selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a conversation on the left to read it and reply. Use ↑ and ↓ to move through the list, Ctrl+2 for the ones that need a human.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs a human: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bot is answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved. The bot answers this customer again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcripts show here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the sample conversations to try handoffs, the webhook and Mark resolved, or connect a channel so customers can reach your bot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An operator took over; the bot is silent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give back to the bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Assign to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make this conversation yours: it shows under Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand this conversation back to a human, as it was before it was resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopened. The bot is silent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending again…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::TranscriptView</name>
    <message>
        <source>Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select part of the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::TrayController</name>
    <message>
        <source>Show Zapito Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapito Inbox: nobody is waiting for a human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapito Inbox: 1 conversation needs a human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapito Inbox: %1 conversations need a human</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::TriagePage</name>
    <message>
        <source>Single-key shortcuts (J, K, R, E, A, /) in the conversation list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They never act while you type in a text field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a wait as too long after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Needs a human, a conversation that has waited this long for a person shows its waiting time in the warning colour.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::UndoBar</name>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::WebhookDispatcher</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook has no endpoint or is switched off, so nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signing secret is set, so nothing was sent: requests are never sent unsigned. Set one in Settings → Integrations, then resend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signing secret could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No endpoint is set: enter the URL that should receive the leads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signing secret is set: requests are never sent unsigned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No complete answer within %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1: a redirect (to %2), which is never followed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nowhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request failed without an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook outbox could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The handoff&apos;s conversation could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: whether this handoff belongs to a sample conversation could not be read (%1). Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This handoff belongs to a sample conversation, so its webhook is never sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An attempt is already under way; its result will show on the handoff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the webhook outbox could not be read (%1). Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending again now, as one more attempt; its result will show on the handoff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook goes out as soon as the handoff message has been sent to the customer, which has not happened yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the delivery could not be moved forward (%1); it still goes out at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending now instead of at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2); trying again at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The skipped delivery could not be recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the skipped delivery could not be recorded (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the webhook has no endpoint or is switched off, so the delivery is skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery could not be claimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent yet: the delivery could not be claimed (%1); it is tried again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the delivery is not due yet; it goes out by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the signing secret cannot be read right now. %1 Resend again once it can be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signing secret cannot be read right now, so the webhook waits (this is no attempt): %1 It is tried again at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the stored webhook could not be read (%1). Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored webhook could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery id could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attempt could not be recorded (%1); recording it again at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1, but the answer broke off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the resend could not be queued (%1). Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::WebhookSettings</name>
    <message>
        <source>The endpoint URL contains a space; URLs cannot contain spaces (encode them as %20).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint is not a valid URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint URL must start with https:// or http://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint must be an http or https URL, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint URL has no host name (for example https://example.com/hooks/zapito).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put no user name or password in the endpoint URL: it would be stored in plain text. Receivers authenticate requests by the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the #fragment from the endpoint URL: it is never sent to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A signing secret is required when an endpoint is set, so your endpoint can tell the requests are from Zapito. Generate one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::WhatsAppChannel</name>
    <message>
        <source>“%1” is not an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1:%2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp is switched off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp needs the phone number id, access token, app secret and verify token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1:%2 for Meta&apos;s webhook; replies go through the Graph API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp is not configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Graph API refused the access token (%1). Check it under Settings → Channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp did not take the message: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>zapito::cli</name>
    <message>
        <source>One conversation a line, tab-separated: id, channel, status, reason (- when none), last activity (UTC) and contact name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One delivery a line, tab-separated: handoff id, conversation id, reason, outcome, attempts and time (UTC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a field a backslash is written \\, a newline \n, a tab \t, a carriage return \r, and any other control or invisible formatting character (a right-to-left override, say) \u{XXXX}, its code in hex; --json gives the text as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks a webhook request&apos;s X-Zapito-Signature against its raw body (read from standard input unless --body-file is given). Exits 0 when it matches and 1 otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holding the signing secret (a final newline is ignored).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X-Zapito-Signature header value, sha256=&lt;hex&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the body from &lt;file&gt; instead of standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both --secret-file and --signature are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the secret file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret file %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the body: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature does not match this body and secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists every handoff&apos;s webhook delivery, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print a JSON array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handed to a human (handoff %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapito Inbox is running without a window on %1; stop it with Ctrl+C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the conversations, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only conversations waiting for a human.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks a conversation resolved: the bot answers in it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who resolved it (default: command line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation, e.g. conv_…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: zapito-inbox resolve CONVERSATION_ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved %1 (handoff %2); the bot answers there again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (input hidden, Enter to finish): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown setting %1; `zapito-inbox settings get` lists them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(cannot be read: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a secret: give it on standard input, not on the command line (which shell history and other users can see).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the value: zapito-inbox settings set %1 VALUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not changed: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be written to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read or change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting (all of them for `get` without KEY).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new value (not for secrets).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: zapito-inbox settings get [KEY] | settings set KEY [VALUE]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zapito-inbox: unknown command &quot;%1&quot;. Commands: %2. Without a command it opens the window; zapito-inbox --help says more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 in %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer (first %1 bytes):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test event failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test event failed after %1 ms: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts a sample lead (reason &quot;test&quot;) to the webhook endpoint, signed with the signing secret, exactly as Settings → Integrations → Send test event does, and prints the HTTP status, the latency and the first 1 KB of the answer, or the error. The secret is never printed.
Exit code: 0 on a 2xx answer, 1 otherwise, 2 when no endpoint or secret is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: zapito-inbox test-event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No webhook endpoint is configured. Set one in Settings → Integrations or with: zapito-inbox settings set webhook.endpoint URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured webhook endpoint cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: the webhook is switched off, so handoffs are not delivered; the test event is sent anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signing secret could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signing secret is configured, and nothing is ever sent unsigned. Generate one in Settings → Integrations or give one on standard input to: zapito-inbox settings set webhook.signing_secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posting a test event to %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the reply, then Ctrl+D on a line of its own:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers a customer as the operator: the text is read from standard input and sent through the conversation&apos;s channel (Telegram or WhatsApp), as a reply from the window would be. If the bot has the conversation, the operator takes it over. Exit code: 0 once the channel took the message, 1 when it could not be sent, 2 on a usage error.
Example: echo &quot;Your table is ready.&quot; | zapito-inbox reply conv_…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: echo TEXT | zapito-inbox reply CONVERSATION_ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply is empty: give its text on standard input, e.g. echo TEXT | zapito-inbox reply %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a preview chat conversation; answer it in the window (Tools → Preview chat).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to %1 through %2 (message %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply was not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply was not sent: %1 Nothing was stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply was stored but cannot be followed; the app sends it when it next starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Telegram bot token could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The WhatsApp access token could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The channel did not answer in time; the reply stays queued and the app sends it when it next starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scratch database for the test event could not be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gave %1 back to the bot; it answers there again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This process leads: it runs the channels, the bot and webhook delivery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another process leads this inbox; this one waits as a standby and takes over when it goes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a sample conversation: there is no customer to reply to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The leading process has not sent the reply yet; it stays queued and is sent by whichever process leads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows which process leads the inbox (runs the channels, the bot and the webhook), and the standbys and seats online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One process a line, tab-separated: role (leader, standby or seat), host, process id, started (UTC), leading since (UTC; - when not leading), last heartbeat (UTC) and a note (why it cannot lead; - when none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No process leads this inbox: nothing is received or sent until the window or zapito-inbox --headless runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not changed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads or changes a setting. Secrets are read from standard input and never printed; they stay on this machine. The webhook&apos;s, the bot&apos;s and the channels&apos; settings are kept in the inbox, so every seat and the leader share them and follow a change at once; database.location is this machine&apos;s.

Settings:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

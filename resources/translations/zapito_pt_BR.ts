<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>ConversationStore</name>
    <message>
        <source>No conversation %1</source>
        <translation>Não existe a conversa %1</translation>
    </message>
    <message>
        <source>No message %1</source>
        <translation>Não existe a mensagem %1</translation>
    </message>
    <message>
        <source>No handoff event %1</source>
        <translation>Não existe o evento de transferência %1</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The inbox database %1 is damaged or is not a Zapito Inbox database (%2). Nothing was changed. Restore it from a backup, or move it aside to start with an empty inbox.</source>
        <translation>O banco de dados da caixa de entrada %1 está danificado ou não é um banco de dados do Zapito Inbox (%2). Nada foi alterado. Restaure-o de um backup ou mova-o para outro lugar para começar com uma caixa de entrada vazia.</translation>
    </message>
    <message>
        <source>The inbox database %1 is already open in another Zapito Inbox (%2). Switch to that window, or quit it first.</source>
        <translation>O banco de dados da caixa de entrada %1 já está aberto em outro Zapito Inbox (%2). Vá para aquela janela ou feche-a primeiro.</translation>
    </message>
    <message>
        <source>The inbox database %1 is locked by another program (%2). Close the program that holds it and try again.</source>
        <translation>O banco de dados da caixa de entrada %1 está bloqueado por outro programa (%2). Feche o programa que o está usando e tente de novo.</translation>
    </message>
    <message>
        <source>The inbox database %1 was written by a newer version of Zapito Inbox (%2). Nothing was changed. Install the newer version to open it.</source>
        <translation>O banco de dados da caixa de entrada %1 foi gravado por uma versão mais nova do Zapito Inbox (%2). Nada foi alterado. Instale a versão mais nova para abri-lo.</translation>
    </message>
    <message>
        <source>The inbox database %1 could not be upgraded (%2). Nothing was changed. Restore it from a backup or report the problem.</source>
        <translation>Não foi possível atualizar o banco de dados da caixa de entrada %1 (%2). Nada foi alterado. Restaure-o de um backup ou relate o problema.</translation>
    </message>
    <message>
        <source>The inbox database %1 cannot be opened (%2). Check that it is a file and that you may read and write it and its folder.</source>
        <translation>Não é possível abrir o banco de dados da caixa de entrada %1 (%2). Verifique se ele é um arquivo e se você tem permissão de leitura e escrita nele e na pasta dele.</translation>
    </message>
    <message>
        <source>it is not a file</source>
        <translation>não é um arquivo</translation>
    </message>
    <message>
        <source>its folder cannot be created</source>
        <translation>não é possível criar a pasta</translation>
    </message>
    <message>
        <source>schema version %1; this version knows up to %2</source>
        <translation>versão do esquema %1; esta versão conhece até a %2</translation>
    </message>
    <message>
        <source>%1 belongs to another program: it is an SQLite database without Zapito Inbox&apos;s tables (%2). Nothing was changed. Choose another file with --database, or move it aside.</source>
        <translation>%1 pertence a outro programa: é um banco de dados SQLite sem as tabelas do Zapito Inbox (%2). Nada foi alterado. Escolha outro arquivo com --database ou mova este para outro lugar.</translation>
    </message>
    <message>
        <source>The inbox database %1 cannot be written (%2). Nothing was changed. Give your user write permission on the file and its folder, or copy it somewhere writable.</source>
        <translation>Não é possível gravar no banco de dados da caixa de entrada %1 (%2). Nada foi alterado. Dê ao seu usuário permissão de escrita no arquivo e na pasta dele, ou copie-o para um lugar gravável.</translation>
    </message>
    <message>
        <source>There is no inbox database at %1 (%2). Nothing was created; check the path given with --database.</source>
        <translation>Não há banco de dados da caixa de entrada em %1 (%2). Nada foi criado; confira o caminho informado com --database.</translation>
    </message>
    <message>
        <source>The inbox database %1 was written by an older version (%2). Open it once with Zapito Inbox to upgrade it; nothing was changed.</source>
        <translation>O banco de dados da caixa de entrada %1 foi gravado por uma versão mais antiga (%2). Abra-o uma vez com o Zapito Inbox para atualizá-lo; nada foi alterado.</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>o arquivo não existe</translation>
    </message>
    <message>
        <source>it cannot be created</source>
        <translation>não é possível criá-lo</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) of its own</source>
        <translation>
            <numerusform>%n tabela própria</numerusform>
            <numerusform>%n tabelas próprias</numerusform>
        </translation>
    </message>
    <message>
        <source>schema version %1, this version uses %2</source>
        <translation>versão do esquema %1, esta versão usa a %2</translation>
    </message>
    <message>
        <source>The PostgreSQL server of %1 cannot be reached (%2). Check the host and port, and that the server is running.</source>
        <translation>Não foi possível alcançar o servidor PostgreSQL de %1 (%2). Verifique o host e a porta, e se o servidor está em execução.</translation>
    </message>
    <message>
        <source>PostgreSQL refused the login for %1 (%2). Check the user name, and give the password in PGPASSWORD or ~/.pgpass (never in the URL).</source>
        <translation>O PostgreSQL recusou o login para %1 (%2). Verifique o nome de usuário e informe a senha em PGPASSWORD ou ~/.pgpass (nunca na URL).</translation>
    </message>
    <message>
        <source>There is no inbox in the PostgreSQL database %1 (%2). Nothing was created; check the name in the URL, create the database (createdb), or open it once with Zapito Inbox to set it up.</source>
        <translation>Não há caixa de entrada no banco PostgreSQL %1 (%2). Nada foi criado; verifique o nome na URL, crie o banco (createdb) ou abra-o uma vez com o Zapito Inbox para prepará-lo.</translation>
    </message>
    <message>
        <source>The PostgreSQL database %1 belongs to another program: it has tables but not Zapito Inbox&apos;s (%2). Nothing was changed. Give Zapito Inbox a database of its own.</source>
        <translation>O banco PostgreSQL %1 pertence a outro programa: tem tabelas, mas não as do Zapito Inbox (%2). Nada foi alterado. Dê ao Zapito Inbox um banco só dele.</translation>
    </message>
    <message>
        <source>The inbox database %1 cannot be opened (%2).</source>
        <translation>Não foi possível abrir o banco da caixa de entrada %1 (%2).</translation>
    </message>
    <message>
        <source>not a postgresql://user@host:port/database URL</source>
        <translation>não é uma URL postgresql://usuário@host:porta/banco</translation>
    </message>
    <message>
        <source>the URL option %1 is not supported</source>
        <translation>a opção de URL %1 não é suportada</translation>
    </message>
    <message>
        <source>a password does not belong in the URL: give it in PGPASSWORD or ~/.pgpass</source>
        <translation>a senha não vai na URL: informe-a em PGPASSWORD ou ~/.pgpass</translation>
    </message>
    <message>
        <source>the URL names no database</source>
        <translation>a URL não informa um banco</translation>
    </message>
    <message>
        <source>the database holds no inbox yet</source>
        <translation>o banco ainda não contém uma caixa de entrada</translation>
    </message>
</context>
<context>
    <name>InboundPlaceholder</name>
    <message>
        <source>[Photo]</source>
        <translation>[Foto]</translation>
    </message>
    <message>
        <source>[Video]</source>
        <translation>[Vídeo]</translation>
    </message>
    <message>
        <source>[Video message]</source>
        <translation>[Mensagem de vídeo]</translation>
    </message>
    <message>
        <source>[Voice message]</source>
        <translation>[Mensagem de voz]</translation>
    </message>
    <message>
        <source>[Audio]</source>
        <translation>[Áudio]</translation>
    </message>
    <message>
        <source>[GIF]</source>
        <translation>[GIF]</translation>
    </message>
    <message>
        <source>[Sticker]</source>
        <translation>[Figurinha]</translation>
    </message>
    <message>
        <source>[Document]</source>
        <translation>[Documento]</translation>
    </message>
    <message>
        <source>[Location]</source>
        <translation>[Localização]</translation>
    </message>
    <message>
        <source>[Contact]</source>
        <translation>[Contato]</translation>
    </message>
    <message>
        <source>[Poll]</source>
        <translation>[Enquete]</translation>
    </message>
    <message>
        <source>[Reaction]</source>
        <translation>[Reação]</translation>
    </message>
    <message>
        <source>[Empty message]</source>
        <translation>[Mensagem vazia]</translation>
    </message>
    <message>
        <source>[Unsupported message]</source>
        <translation>[Mensagem não suportada]</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Keywords</source>
        <translation>Palavras-chave</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Expressão regular</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Hand off to a human</source>
        <translation>Transferir para um atendente</translation>
    </message>
    <message>
        <source>Log to CRM (does nothing)</source>
        <translation>Registrar no CRM (não faz nada)</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>não definido</translation>
    </message>
</context>
<context>
    <name>TranscriptText</name>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Atendente</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Não enviada</translation>
    </message>
    <message>
        <source>Handed to a human · %1</source>
        <translation>Transferida para um atendente · %1</translation>
    </message>
    <message>
        <source>Webhook: %1</source>
        <translation>Webhook: %1</translation>
    </message>
    <message>
        <source>Resolved %1</source>
        <translation>Resolvida %1</translation>
    </message>
    <message>
        <source>Resolved by %1 · %2</source>
        <translation>Resolvida por %1 · %2</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP %1 · %2</source>
        <translation>HTTP %1 · %2</translation>
    </message>
    <message>
        <source>No attempts yet.</source>
        <translation>Nenhuma tentativa ainda.</translation>
    </message>
    <message>
        <source>Reading the attempts…</source>
        <translation>Lendo as tentativas…</translation>
    </message>
    <message>
        <source>Hide attempts</source>
        <translation>Ocultar tentativas</translation>
    </message>
    <message>
        <source>Show attempts</source>
        <translation>Mostrar tentativas</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Enviar agora</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Send this handoff to the webhook now instead of at its next try</source>
        <translation>Enviar esta transferência ao webhook agora, em vez de na próxima tentativa</translation>
    </message>
    <message>
        <source>Post this handoff to the webhook again</source>
        <translation>Enviar esta transferência ao webhook de novo</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>Not sent.</source>
        <translation>Não enviada.</translation>
    </message>
    <message>
        <source>Not sent: %1.</source>
        <translation>Não enviada: %1.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Note by %1</source>
        <translation>Nota de %1</translation>
    </message>
    <message>
        <source>First try</source>
        <translation>Primeira tentativa</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Nova tentativa</translation>
    </message>
    <message>
        <source>Resent</source>
        <translation>Reenvio</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Send this message to the customer again</source>
        <translation>Enviar esta mensagem ao cliente de novo</translation>
    </message>
    <message>
        <source>This is a sample conversation: its handoffs never reach a real endpoint, so there is nothing to resend.</source>
        <translation>Esta é uma conversa de exemplo: as transferências dela nunca chegam a um endpoint real, então não há nada para reenviar.</translation>
    </message>
    <message>
        <source>This is a sample conversation: it never reaches a real customer, so a reply cannot be sent.</source>
        <translation>Esta é uma conversa de exemplo: ela nunca chega a um cliente real, então não dá para enviar uma resposta.</translation>
    </message>
</context>
<context>
    <name>WriteTransaction</name>
    <message>
        <source>Another program is writing to the inbox right now, so nothing was changed. Try again in a moment.</source>
        <translation>Outro programa está gravando na caixa de entrada agora, então nada foi alterado. Tente de novo em instantes.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Load the sample conversations (if not loaded yet) and start.</source>
        <translation>Carrega as conversas de exemplo (se ainda não estiverem carregadas) e inicia.</translation>
    </message>
    <message>
        <source>Triage the conversations your support bot hands to a human.</source>
        <translation>Organize as conversas que o seu bot de atendimento passa para uma pessoa.</translation>
    </message>
    <message>
        <source>Commands (zapito-inbox COMMAND --help for more):</source>
        <translation>Comandos (zapito-inbox COMANDO --help para saber mais):</translation>
    </message>
    <message>
        <source>Run the channels, the bot and webhook delivery without a window.</source>
        <translation>Roda os canais, o bot e a entrega do webhook sem janela.</translation>
    </message>
    <message>
        <source>Check a webhook signature: exit 0 on a match, 1 otherwise</source>
        <translation>Confere a assinatura de um webhook: sai com 0 se conferir, 1 caso contrário</translation>
    </message>
    <message>
        <source>Read or change a setting: settings get|set KEY [VALUE]</source>
        <translation>Lê ou altera uma configuração: settings get|set CHAVE [VALOR]</translation>
    </message>
    <message>
        <source>List conversations: list [--needs-human] [--json]</source>
        <translation>Lista as conversas: list [--needs-human] [--json]</translation>
    </message>
    <message>
        <source>List webhook deliveries: deliveries [--json]</source>
        <translation>Lista as entregas do webhook: deliveries [--json]</translation>
    </message>
    <message>
        <source>Give a conversation back to the bot: resolve CONVERSATION_ID</source>
        <translation>Devolve uma conversa ao bot: resolve ID_DA_CONVERSA</translation>
    </message>
    <message>
        <source>Answer a customer as the operator, text on standard input: reply CONVERSATION_ID</source>
        <translation>Responde a um cliente como atendente, texto pela entrada padrão: reply ID_DA_CONVERSA</translation>
    </message>
    <message>
        <source>Post a signed sample lead to the webhook endpoint: exit 0 on a 2xx</source>
        <translation>Envia um lead de exemplo assinado ao endpoint do webhook: sai com 0 em um 2xx</translation>
    </message>
    <message>
        <source>Show the process that leads the inbox, and the standbys and seats online</source>
        <translation>Mostrar o processo que lidera a caixa de entrada, e os reservas e postos conectados</translation>
    </message>
    <message>
        <source>Use the inbox at &lt;location&gt;: an SQLite file, or a PostgreSQL database shared by a team as postgresql://user@host:port/dbname (the password from PGPASSWORD or ~/.pgpass, never in the URL). Default: the setting database.location, else inbox.sqlite in your data folder.</source>
        <translation>Usa a caixa de entrada em &lt;local&gt;: um arquivo SQLite ou um banco PostgreSQL compartilhado pela equipe, como postgresql://usuário@host:porta/banco (a senha vem de PGPASSWORD ou ~/.pgpass, nunca da URL). Padrão: a configuração database.location ou, se não houver, inbox.sqlite na sua pasta de dados.</translation>
    </message>
    <message>
        <source>location</source>
        <translation>local</translation>
    </message>
    <message>
        <source>The settings in %1 could not be read: %2</source>
        <translation>Não foi possível ler as configurações em %1: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot open the inbox</source>
        <translation>Não é possível abrir a caixa de entrada</translation>
    </message>
    <message>
        <source>My bot</source>
        <translation>Meu bot</translation>
    </message>
    <message>
        <source>Cannot load the samples</source>
        <translation>Não foi possível carregar os exemplos</translation>
    </message>
</context>
<context>
    <name>zapito</name>
    <message>
        <source>Telegram user %1</source>
        <translation>Usuário do Telegram %1</translation>
    </message>
    <message>
        <source>Preview chat</source>
        <translation>Chat de teste</translation>
    </message>
    <message>
        <source>Flow handoff</source>
        <translation>Transferência do fluxo</translation>
    </message>
    <message>
        <source>Asked for a human</source>
        <translation>Pediu um atendente</translation>
    </message>
    <message>
        <source>Model error</source>
        <translation>Erro do modelo</translation>
    </message>
    <message>
        <source>Out of credits</source>
        <translation>Sem créditos</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>Nenhuma mensagem ainda</translation>
    </message>
    <message>
        <source>now</source>
        <translation>agora</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Ontem %1</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Skipped (no webhook was configured)</source>
        <translation>Não enviado (nenhum webhook configurado)</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Failed after 1 attempt</source>
        <translation>Falhou após 1 tentativa</translation>
    </message>
    <message>
        <source>Pending retry (the first attempt failed)</source>
        <translation>Aguardando nova tentativa (a primeira falhou)</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Exemplo</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Atendente</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolvida</translation>
    </message>
    <message numerus="yes">
        <source>waiting %n min</source>
        <translation>
            <numerusform>esperando há %n min</numerusform>
            <numerusform>esperando há %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>waiting %n h</source>
        <translation>
            <numerusform>esperando há %n h</numerusform>
            <numerusform>esperando há %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>a duration in seconds</comment>
        <translation>%1 s</translation>
    </message>
    <message numerus="yes">
        <source>Failed after %n attempts</source>
        <translation>
            <numerusform>Falhou após %n tentativa</numerusform>
            <numerusform>Falhou após %n tentativas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pending retry (%n attempts failed)</source>
        <translation>
            <numerusform>Aguardando nova tentativa (%n tentativa falhou)</numerusform>
            <numerusform>Aguardando nova tentativa (%n tentativas falharam)</numerusform>
        </translation>
    </message>
    <message>
        <source>Another operator</source>
        <translation>Outro operador</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 está digitando…</translation>
    </message>
    <message>
        <source>%1 is viewing</source>
        <translation>%1 está vendo</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 e %2 estão digitando…</translation>
    </message>
    <message>
        <source>%1 and %2 are viewing</source>
        <translation>%1 e %2 estão vendo</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n others are typing…</source>
        <translation>
            <numerusform>%1 e mais %n pessoa estão digitando…</numerusform>
            <numerusform>%1 e mais %n pessoas estão digitando…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n others are viewing</source>
        <translation>
            <numerusform>%1 e mais %n pessoa estão vendo</numerusform>
            <numerusform>%1 e mais %n pessoas estão vendo</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>who is typing, then who is viewing</comment>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>zapito::BotName</name>
    <message>
        <source>My bot</source>
        <translation>Meu bot</translation>
    </message>
    <message>
        <source>at most %1 characters</source>
        <translation>no máximo %1 caracteres</translation>
    </message>
    <message>
        <source>control characters are not allowed</source>
        <translation>caracteres de controle não são permitidos</translation>
    </message>
</context>
<context>
    <name>zapito::BotPage</name>
    <message>
        <source>Match</source>
        <translation>Condição</translation>
    </message>
    <message>
        <source>Keywords or expression</source>
        <translation>Palavras-chave ou expressão</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Então</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Adicionar regra</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Descer</translation>
    </message>
    <message>
        <source>Flow: tried in order, first match answers</source>
        <translation>Fluxo: testado em ordem, a primeira regra que combinar responde</translation>
    </message>
    <message>
        <source>Handoff message:</source>
        <translation>Mensagem de transferência:</translation>
    </message>
    <message>
        <source>Reply with the message below</source>
        <translation>Responder com a mensagem abaixo</translation>
    </message>
    <message>
        <source>Hand off to a human</source>
        <translation>Transferir para um atendente</translation>
    </message>
    <message>
        <source>No rule matches and no model:</source>
        <translation>Nenhuma regra combina e não há modelo:</translation>
    </message>
    <message>
        <source>Fallback reply:</source>
        <translation>Resposta padrão:</translation>
    </message>
    <message>
        <source>Model (OpenAI-compatible: OpenAI, llama.cpp server, Ollama …)</source>
        <translation>Modelo (compatível com OpenAI: OpenAI, servidor llama.cpp, Ollama …)</translation>
    </message>
    <message>
        <source>not needed for a local server</source>
        <translation>não é necessária para um servidor local</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sem limite</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>URL base:</translation>
    </message>
    <message>
        <source>Model name:</source>
        <translation>Nome do modelo:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Chave de API:</translation>
    </message>
    <message>
        <source>Instructions:</source>
        <translation>Instruções:</translation>
    </message>
    <message>
        <source>Model replies per month:</source>
        <translation>Respostas do modelo por mês:</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>Regra %1: %2</translation>
    </message>
    <message>
        <source>Model base URL: %1</source>
        <translation>URL base do modelo: %1</translation>
    </message>
    <message>
        <source>%1 (Telegram&apos;s name for the bot once connected)</source>
        <translation>%1 (o nome do bot no Telegram, depois de conectado)</translation>
    </message>
    <message>
        <source>Shown on the bot&apos;s messages and sent as bot.name in every webhook.</source>
        <translation>Aparece nas mensagens do bot e vai como bot.name em todo webhook.</translation>
    </message>
    <message>
        <source>Bot name:</source>
        <translation>Nome do bot:</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 used this month</source>
        <translation>
            <numerusform>%n de %1 usada este mês</numerusform>
            <numerusform>%n de %1 usadas este mês</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n used this month</source>
        <translation>
            <numerusform>%n usada este mês</numerusform>
            <numerusform>%n usadas este mês</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>zapito::BotSettings</name>
    <message>
        <source>Connecting you with a team member right away.</source>
        <translation>Vou te passar para alguém da equipe agora mesmo.</translation>
    </message>
    <message>
        <source>You are a friendly customer-support assistant. Answer briefly. If the customer asks for a person, call request_human.</source>
        <translation>Você é um assistente de atendimento simpático. Responda em poucas palavras. Se o cliente pedir para falar com uma pessoa, chame request_human.</translation>
    </message>
    <message>
        <source>Thanks for your message! I don&apos;t have an answer to that here.</source>
        <translation>Obrigado pela mensagem! Não tenho uma resposta para isso aqui.</translation>
    </message>
    <message>
        <source>Thanks for your message! I don&apos;t have an answer to that here; say &quot;%1&quot; to talk to a person.</source>
        <translation>Obrigado pela mensagem! Não tenho uma resposta para isso aqui; diga &quot;%1&quot; para falar com uma pessoa.</translation>
    </message>
</context>
<context>
    <name>zapito::ChannelConnector</name>
    <message>
        <source>Customer messages cannot be stored yet (nothing receives them).</source>
        <translation>As mensagens dos clientes ainda não podem ser guardadas (nada as recebe).</translation>
    </message>
</context>
<context>
    <name>zapito::ChannelOutboxStore</name>
    <message>
        <source>Only a message whose send failed can be sent again.</source>
        <translation>Só uma mensagem cujo envio falhou pode ser enviada de novo.</translation>
    </message>
</context>
<context>
    <name>zapito::ChannelsPage</name>
    <message>
        <source>Receive and answer Telegram messages</source>
        <translation>Receber e responder mensagens do Telegram</translation>
    </message>
    <message>
        <source>Receive and answer WhatsApp messages</source>
        <translation>Receber e responder mensagens do WhatsApp</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Bot token:</source>
        <translation>Token do bot:</translation>
    </message>
    <message>
        <source>Bot API URL:</source>
        <translation>URL da Bot API:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>WhatsApp (Cloud API)</source>
        <translation>WhatsApp (Cloud API)</translation>
    </message>
    <message>
        <source>Phone number id:</source>
        <translation>ID do número de telefone:</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Token de acesso:</translation>
    </message>
    <message>
        <source>App secret:</source>
        <translation>Segredo do app:</translation>
    </message>
    <message>
        <source>Verify token:</source>
        <translation>Token de verificação:</translation>
    </message>
    <message>
        <source>Listen on address:</source>
        <translation>Escutar no endereço:</translation>
    </message>
    <message>
        <source>Listen on port:</source>
        <translation>Escutar na porta:</translation>
    </message>
    <message>
        <source>Graph API URL:</source>
        <translation>URL da Graph API:</translation>
    </message>
    <message>
        <source>Meta must reach the listener over HTTPS: put a reverse proxy or a tunnel in front of this address and port and give Meta its public URL as the callback URL, with the verify token above.</source>
        <translation>A Meta precisa alcançar o receptor por HTTPS: coloque um proxy reverso ou um túnel na frente deste endereço e porta e informe à Meta a URL pública dele como URL de callback, com o token de verificação acima.</translation>
    </message>
    <message>
        <source>Not configured.</source>
        <translation>Não configurado.</translation>
    </message>
    <message>
        <source>Telegram Bot API URL: %1</source>
        <translation>URL da Bot API do Telegram: %1</translation>
    </message>
    <message>
        <source>Telegram needs the bot token from @BotFather.</source>
        <translation>O Telegram precisa do token do bot gerado pelo @BotFather.</translation>
    </message>
    <message>
        <source>Graph API URL: %1</source>
        <translation>URL da Graph API: %1</translation>
    </message>
    <message>
        <source>The listen address must be an IP address such as 127.0.0.1.</source>
        <translation>O endereço de escuta deve ser um endereço IP, como 127.0.0.1.</translation>
    </message>
    <message>
        <source>WhatsApp needs the phone number id, access token, app secret and verify token.</source>
        <translation>O WhatsApp precisa do ID do número de telefone, do token de acesso, do segredo do app e do token de verificação.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>Saved; the channels reconnect. %1</source>
        <translation>Salvo; os canais vão se reconectar. %1</translation>
    </message>
</context>
<context>
    <name>zapito::ConnectorHub</name>
    <message>
        <source>A %1 message could not be stored: %2</source>
        <translation>Não foi possível guardar uma mensagem do %1: %2</translation>
    </message>
    <message>
        <source>The secret %1 could not be read: %2</source>
        <translation>Não foi possível ler o segredo %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>What needs a secret that could not be read keeps its current settings; the secrets are read again in %n s.</source>
        <translation>
            <numerusform>O que depende de um segredo que não pôde ser lido mantém as configurações atuais; os segredos serão lidos de novo em %n s.</numerusform>
            <numerusform>O que depende de um segredo que não pôde ser lido mantém as configurações atuais; os segredos serão lidos de novo em %n s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>zapito::ConversationDecider</name>
    <message>
        <source>Undecided messages could not be read: %1</source>
        <translation>Não foi possível ler as mensagens ainda sem decisão: %1</translation>
    </message>
    <message>
        <source>The bot&apos;s answer could not be recorded (%1); trying again.</source>
        <translation>Não foi possível registrar a resposta do bot (%1); tentando de novo.</translation>
    </message>
</context>
<context>
    <name>zapito::ConversationEngine</name>
    <message>
        <source>The reply is empty.</source>
        <translation>A resposta está vazia.</translation>
    </message>
    <message>
        <source>The customer did not receive a message: %1</source>
        <translation>O cliente não recebeu uma mensagem: %1</translation>
    </message>
    <message>
        <source>This is a sample conversation: there is no customer to reply to.</source>
        <translation>Esta é uma conversa de exemplo: não há cliente para responder.</translation>
    </message>
    <message>
        <source>There is no %1 channel, so the reply cannot reach the customer.</source>
        <translation>Não há canal %1, então a resposta não pode chegar ao cliente.</translation>
    </message>
    <message>
        <source>The note is empty.</source>
        <translation>A nota está vazia.</translation>
    </message>
    <message>
        <source>This is a sample conversation: there is no customer to send to.</source>
        <translation>Esta é uma conversa de exemplo: não há cliente para quem enviar.</translation>
    </message>
</context>
<context>
    <name>zapito::ConversationListPanel</name>
    <message>
        <source>Search names, numbers and messages</source>
        <translation>Buscar nomes, números e mensagens</translation>
    </message>
    <message>
        <source>No conversations match “%1”</source>
        <translation>Nenhuma conversa corresponde a “%1”</translation>
    </message>
    <message>
        <source>Search looks at contact names, phone numbers and message text.</source>
        <translation>A busca procura nos nomes dos contatos, nos números de telefone e no texto das mensagens.</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Limpar busca</translation>
    </message>
    <message>
        <source>No conversations yet</source>
        <translation>Nenhuma conversa ainda</translation>
    </message>
    <message>
        <source>When customers message your bot on WhatsApp or Telegram, their conversations appear here. The ones the bot hands to a person also show up under Needs a human.</source>
        <translation>Quando os clientes mandarem mensagem para o seu bot no WhatsApp ou no Telegram, as conversas aparecem aqui. As que o bot passar para uma pessoa também aparecem em Precisa de atendente.</translation>
    </message>
    <message>
        <source>Connect a channel…</source>
        <translation>Conectar um canal…</translation>
    </message>
    <message>
        <source>Load sample conversations</source>
        <translation>Carregar conversas de exemplo</translation>
    </message>
    <message>
        <source>Nobody is waiting for a human</source>
        <translation>Ninguém está esperando atendimento</translation>
    </message>
    <message>
        <source>When the bot hands a conversation over, it appears here and you get a notification.</source>
        <translation>Quando o bot transferir uma conversa, ela aparece aqui e você recebe uma notificação.</translation>
    </message>
    <message>
        <source>Show all conversations</source>
        <translation>Mostrar todas as conversas</translation>
    </message>
    <message>
        <source>No conversations</source>
        <translation>Nenhuma conversa</translation>
    </message>
    <message>
        <source>Every conversation</source>
        <translation>Todas as conversas</translation>
    </message>
    <message>
        <source>Conversations the bot handed to a human, waiting longest first</source>
        <translation>Conversas que o bot transferiu para um atendente, as que esperam há mais tempo primeiro</translation>
    </message>
    <message>
        <source>Conversations assigned to you or taken over by you</source>
        <translation>Conversas atribuídas a você ou assumidas por você</translation>
    </message>
    <message>
        <source>Conversations the bot is handling</source>
        <translation>Conversas que o bot está atendendo</translation>
    </message>
    <message>
        <source>Conversations an operator resolved; reopen one to hand it back to a human</source>
        <translation>Conversas que um atendente resolveu; reabra uma para devolvê-la a um atendente</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Needs a human</source>
        <translation>Precisa de atendente</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Minhas</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolvidas</translation>
    </message>
    <message>
        <source>%1+</source>
        <extracomment>A search&apos;s count that stopped at its limit: at least this many, e.g. &quot;500+&quot;.</extracomment>
        <translation>%1+</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <extracomment>A view&apos;s tab: its name and how many conversations it holds, e.g. &quot;Mine 3&quot;.</extracomment>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>Nothing is assigned to you</source>
        <translation>Nada está atribuído a você</translation>
    </message>
    <message>
        <source>Conversations you reply to or assign to yourself (A) show up here.</source>
        <translation>As conversas que você responder ou atribuir a si mesmo (A) aparecem aqui.</translation>
    </message>
    <message>
        <source>Nothing resolved yet</source>
        <translation>Nada resolvido ainda</translation>
    </message>
    <message>
        <source>Conversations you mark resolved show up here, to reopen if needed.</source>
        <translation>As conversas que você marcar como resolvidas aparecem aqui, para reabrir se precisar.</translation>
    </message>
    <message>
        <source>The bot has no conversations</source>
        <translation>O bot não tem nenhuma conversa</translation>
    </message>
</context>
<context>
    <name>zapito::ConversationStore</name>
    <message>
        <source>No bot %1</source>
        <translation>Não existe o bot %1</translation>
    </message>
    <message>
        <source>This conversation has no open handoff to resolve.</source>
        <translation>Esta conversa não tem nenhuma transferência aberta para resolver.</translation>
    </message>
    <message>
        <source>Already resolved by %1</source>
        <translation>Já resolvida por %1</translation>
    </message>
    <message>
        <source>This conversation is not resolved.</source>
        <translation>Esta conversa não está resolvida.</translation>
    </message>
    <message>
        <source>This conversation changed meanwhile; it was not reopened.</source>
        <translation>Esta conversa mudou nesse meio-tempo; ela não foi reaberta.</translation>
    </message>
</context>
<context>
    <name>zapito::DeliveryStore</name>
    <message>
        <source>There is no handoff event %1.</source>
        <translation>Não existe o evento de transferência %1.</translation>
    </message>
    <message>
        <source>Handoff event %1 has an unknown delivery outcome.</source>
        <translation>O evento de transferência %1 tem um resultado de entrega desconhecido.</translation>
    </message>
</context>
<context>
    <name>zapito::DesktopAlerts</name>
    <message>
        <source>checking…</source>
        <translation>verificando…</translation>
    </message>
    <message>
        <source>desktop notifications</source>
        <translation>notificações da área de trabalho</translation>
    </message>
    <message>
        <source>desktop notifications (%1)</source>
        <translation>notificações da área de trabalho (%1)</translation>
    </message>
    <message>
        <source>system tray</source>
        <translation>bandeja do sistema</translation>
    </message>
    <message>
        <source>none available</source>
        <translation>nenhuma disponível</translation>
    </message>
    <message>
        <source>Zapito Inbox is still running</source>
        <translation>O Zapito Inbox continua em execução</translation>
    </message>
    <message>
        <source>This window leads the inbox, so it keeps receiving messages and sending leads with its window closed. To stop it, choose File → Quit (%1).</source>
        <translation>Esta janela lidera a caixa de entrada, então continua recebendo mensagens e enviando leads com a janela fechada. Para encerrá-la, escolha Arquivo → Sair (%1).</translation>
    </message>
    <message>
        <source>Start Zapito Inbox again to bring its window back.</source>
        <translation>Abra o Zapito Inbox de novo para trazer a janela de volta.</translation>
    </message>
</context>
<context>
    <name>zapito::DesktopNotifier</name>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
</context>
<context>
    <name>zapito::FlowRule</name>
    <message>
        <source>The rule has nothing to match.</source>
        <translation>A regra não tem nada para comparar.</translation>
    </message>
    <message>
        <source>The regular expression is not valid: %1</source>
        <translation>A expressão regular não é válida: %1</translation>
    </message>
    <message>
        <source>The reply is empty.</source>
        <translation>A resposta está vazia.</translation>
    </message>
</context>
<context>
    <name>zapito::HandoffCardLayout</name>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Tentativa</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
</context>
<context>
    <name>zapito::HandoffNotifier</name>
    <message>
        <source>%1 needs a human</source>
        <translation>%1 precisa de atendente</translation>
    </message>
    <message>
        <source>%1: “%2”</source>
        <translation>%1: “%2”</translation>
    </message>
    <message numerus="yes">
        <source>%n conversations need a human</source>
        <translation>
            <numerusform>%n conversa precisa de atendente</numerusform>
            <numerusform>%n conversas precisam de atendente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>mais %n</numerusform>
            <numerusform>mais %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>zapito::InboxServices</name>
    <message>
        <source>My bot</source>
        <translation>Meu bot</translation>
    </message>
    <message>
        <source>The channels, the bot and the webhook could not start: %1</source>
        <translation>Os canais, o bot e o webhook não puderam iniciar: %1</translation>
    </message>
    <message>
        <source>This window no longer leads the inbox.</source>
        <translation>Esta janela não lidera mais a caixa de entrada.</translation>
    </message>
</context>
<context>
    <name>zapito::IntegrationsPage</name>
    <message>
        <source>Send every handoff to this endpoint</source>
        <translation>Enviar cada transferência para este endpoint</translation>
    </message>
    <message>
        <source>Send test event</source>
        <translation>Enviar evento de teste</translation>
    </message>
    <message>
        <source>Generate one, or paste the secret your receiver expects</source>
        <translation>Gere um ou cole o segredo que o seu receptor espera</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Gerar</translation>
    </message>
    <message>
        <source>The endpoint&apos;s response appears here.</source>
        <translation>A resposta do endpoint aparece aqui.</translation>
    </message>
    <message>
        <source>Lead webhook</source>
        <translation>Webhook de leads</translation>
    </message>
    <message>
        <source>On every handoff, Zapito POSTs the lead as JSON to this endpoint, signed with X-Zapito-Signature (HMAC-SHA256 of the body with your secret).</source>
        <translation>A cada transferência, o Zapito envia (POST) o lead em JSON para este endpoint, assinado com X-Zapito-Signature (HMAC-SHA256 do corpo com o seu segredo).</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>URL do endpoint</translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation>Segredo de assinatura</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>Secret copied to the clipboard.</source>
        <translation>Segredo copiado para a área de transferência.</translation>
    </message>
    <message>
        <source>The stored secret could not be read: %1</source>
        <translation>Não foi possível ler o segredo guardado: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>Enter the endpoint URL to send a test event to.</source>
        <translation>Informe a URL do endpoint para onde enviar o evento de teste.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation>Aguardando %1…</translation>
    </message>
    <message>
        <source>New secret generated. Apply or OK stores it; give it to your receiver too.</source>
        <translation>Novo segredo gerado. Aplicar ou OK o guarda; passe-o também para o seu receptor.</translation>
    </message>
    <message>
        <source>✓ HTTP %1 in %2</source>
        <translation>✓ HTTP %1 em %2</translation>
    </message>
    <message>
        <source>✗ HTTP %1 in %2: %3</source>
        <translation>✗ HTTP %1 em %2: %3</translation>
    </message>
    <message>
        <source>✗ %1 (after %2)</source>
        <translation>✗ %1 (após %2)</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
</context>
<context>
    <name>zapito::Leadership</name>
    <message>
        <source>the webhook signing secret</source>
        <translation>o segredo de assinatura do webhook</translation>
    </message>
    <message>
        <source>the Telegram bot token</source>
        <translation>o token do bot do Telegram</translation>
    </message>
    <message>
        <source>the WhatsApp access token</source>
        <translation>o token de acesso do WhatsApp</translation>
    </message>
    <message>
        <source>the WhatsApp app secret</source>
        <translation>o segredo do app do WhatsApp</translation>
    </message>
    <message>
        <source>This process cannot lead: %1 cannot be read here (%2). It stays a seat.</source>
        <translation>Este processo não pode liderar: %1 não pode ser lido aqui (%2). Ele continua como posto.</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>não definido</translation>
    </message>
    <message>
        <source>This window leads: it runs the channels, the bot and the webhook.</source>
        <translation>Esta janela lidera: ela executa os canais, o bot e o webhook.</translation>
    </message>
    <message>
        <source>No process leads this inbox: nothing is received or sent.</source>
        <translation>Nenhum processo lidera esta caixa de entrada: nada é recebido nem enviado.</translation>
    </message>
    <message>
        <source>Led by %1, since %2</source>
        <translation>Liderada por %1, desde %2</translation>
    </message>
    <message>
        <source>This process lost its hold on the lead of the inbox (its connection to the database ended), so another process may lead now; it stops, so that nothing is sent twice.</source>
        <translation>Este processo perdeu a liderança da caixa de entrada (a conexão com o banco de dados caiu), então outro processo pode estar liderando agora; ele para, para que nada seja enviado duas vezes.</translation>
    </message>
</context>
<context>
    <name>zapito::MainWindow</name>
    <message>
        <source>Inbox</source>
        <translation>Caixa de entrada</translation>
    </message>
    <message>
        <source>Could not read the inbox: %1</source>
        <translation>Não foi possível ler a caixa de entrada: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>Load &amp;sample conversations</source>
        <translation>Carregar conversas de &amp;exemplo</translation>
    </message>
    <message>
        <source>&amp;Remove sample conversations</source>
        <translation>&amp;Remover conversas de exemplo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Search conversations</source>
        <translation>&amp;Buscar conversas</translation>
    </message>
    <message>
        <source>Go to the &amp;list</source>
        <translation>Ir para a &amp;lista</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Conversa</translation>
    </message>
    <message>
        <source>&amp;Next conversation</source>
        <translation>Pró&amp;xima conversa</translation>
    </message>
    <message>
        <source>&amp;Previous conversation</source>
        <translation>Conversa &amp;anterior</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Responder</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
    <message>
        <source>&amp;About Zapito Inbox</source>
        <translation>&amp;Sobre o Zapito Inbox</translation>
    </message>
    <message>
        <source>About Zapito Inbox</source>
        <translation>Sobre o Zapito Inbox</translation>
    </message>
    <message>
        <source>Zapito Inbox %1
The conversations your support bot hands to a human, with a signed lead webhook.</source>
        <translation>Zapito Inbox %1
As conversas que o seu bot de atendimento passa para uma pessoa, com um webhook de leads assinado.</translation>
    </message>
    <message>
        <source>Integrations</source>
        <translation>Integrações</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificações</translation>
    </message>
    <message>
        <source>Cannot load the samples</source>
        <translation>Não foi possível carregar os exemplos</translation>
    </message>
    <message>
        <source>Sample conversations loaded. Remove them any time from the File menu.</source>
        <translation>Conversas de exemplo carregadas. Você pode removê-las quando quiser no menu Arquivo.</translation>
    </message>
    <message>
        <source>Cannot remove the samples</source>
        <translation>Não foi possível remover os exemplos</translation>
    </message>
    <message>
        <source>&amp;Preview chat</source>
        <translation>Chat de &amp;teste</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canais</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Sample conversations removed.</source>
        <translation>Conversas de exemplo removidas.</translation>
    </message>
    <message>
        <source>Inbox (%1 need a human)</source>
        <translation>Caixa de entrada (%1 precisam de atendente)</translation>
    </message>
    <message>
        <source>Another process leads this inbox; resend the lead there.</source>
        <translation>Outro processo lidera esta caixa de entrada; reenvie o lead por lá.</translation>
    </message>
    <message>
        <source>Move around</source>
        <translation>Navegar</translation>
    </message>
    <message>
        <source>↑ / ↓</source>
        <translation>↑ / ↓</translation>
    </message>
    <message>
        <source>Move through the conversation list</source>
        <translation>Percorrer a lista de conversas</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Open the conversation and start a reply</source>
        <translation>Abrir a conversa e começar uma resposta</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Triagem</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Send the reply</source>
        <translation>Enviar a resposta</translation>
    </message>
    <message>
        <source>Views and search</source>
        <translation>Visões e busca</translation>
    </message>
    <message>
        <source>Esc (in search)</source>
        <translation>Esc (na busca)</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Limpar a busca</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Janela</translation>
    </message>
    <message>
        <source>Saved replies</source>
        <translation>Respostas salvas</translation>
    </message>
    <message>
        <source>Resolved %1.</source>
        <translation>Resolvida: %1.</translation>
    </message>
    <message>
        <source>Undone: the conversation is open again.</source>
        <translation>Desfeito: a conversa está aberta de novo.</translation>
    </message>
</context>
<context>
    <name>zapito::NotificationsPage</name>
    <message>
        <source>Show a desktop notification when a conversation needs a human</source>
        <translation>Mostrar uma notificação na área de trabalho quando uma conversa precisar de atendente</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificações</translation>
    </message>
    <message>
        <source>Notifications: %1</source>
        <translation>Notificações: %1</translation>
    </message>
</context>
<context>
    <name>zapito::OutboundSender</name>
    <message>
        <source>This is a sample conversation: there is no customer to send to.</source>
        <translation>Esta é uma conversa de exemplo: não há cliente para quem enviar.</translation>
    </message>
    <message>
        <source>%1 is not connected</source>
        <translation>%1 não está conectado</translation>
    </message>
</context>
<context>
    <name>zapito::PreviewChannel</name>
    <message>
        <source>Always available.</source>
        <translation>Sempre disponível.</translation>
    </message>
    <message>
        <source>Preview customer %1</source>
        <translation>Cliente de teste %1</translation>
    </message>
</context>
<context>
    <name>zapito::PreviewChatWindow</name>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Preview chat</source>
        <translation>Chat de teste</translation>
    </message>
    <message>
        <source>Write as the customer…</source>
        <translation>Escreva como se fosse o cliente…</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <source>You are the customer here. Messages go through the bot exactly as a Telegram or WhatsApp message would, and show up in the inbox.</source>
        <translation>Aqui você é o cliente. As mensagens passam pelo bot exatamente como uma mensagem do Telegram ou do WhatsApp e aparecem na caixa de entrada.</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>New conversation as “%1”. The bot answers.</source>
        <translation>Nova conversa como “%1”. O bot responde.</translation>
    </message>
    <message>
        <source>Handed to a human: the bot is silent until the conversation is marked resolved in the inbox.</source>
        <translation>Transferida para um atendente: o bot fica em silêncio até a conversa ser marcada como resolvida na caixa de entrada.</translation>
    </message>
    <message>
        <source>Resolved: the bot answers again.</source>
        <translation>Resolvida: o bot volta a responder.</translation>
    </message>
</context>
<context>
    <name>zapito::ReplyBox</name>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Connect a channel…</source>
        <translation>Conectar um canal…</translation>
    </message>
    <message>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation>Enviar a resposta (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>%1 is not connected yet, so a reply cannot reach %2. Connect the channel to answer from here.</source>
        <translation>O %1 ainda não está conectado, então uma resposta não chega a %2. Conecte o canal para responder por aqui.</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Write to the customer</source>
        <translation>Escrever para o cliente</translation>
    </message>
    <message>
        <source>Write an internal note: only your team sees it, the customer never does</source>
        <translation>Escrever uma nota interna: só a sua equipe vê, o cliente nunca</translation>
    </message>
    <message>
        <source>Insert an emoji</source>
        <translation>Inserir um emoji</translation>
    </message>
    <message>
        <source>Internal note: the customer never sees it</source>
        <translation>Nota interna: o cliente nunca a vê</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Adicionar nota</translation>
    </message>
    <message>
        <source>Add the note for your team (Ctrl+Enter)</source>
        <translation>Adicionar a nota para a sua equipe (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Note for your team; %1 never sees it…  (Ctrl+Enter adds it)</source>
        <translation>Nota para a sua equipe; %1 nunca a vê…  (Ctrl+Enter adiciona)</translation>
    </message>
    <message>
        <source>Reply to %1…  (Ctrl+Enter sends, / for saved replies)</source>
        <translation>Responder a %1…  (Ctrl+Enter envia, / para respostas salvas)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 / %2 · sent as %n messages</source>
        <translation>
            <numerusform>%1 / %2 · enviada como %n mensagem</numerusform>
            <numerusform>%1 / %2 · enviada como %n mensagens</numerusform>
        </translation>
    </message>
    <message>
        <source>Longer than one message can be: the reply is split into parts, at a line break or a space where it can.</source>
        <translation>Maior do que cabe em uma mensagem: a resposta é dividida em partes, numa quebra de linha ou num espaço sempre que possível.</translation>
    </message>
    <message>
        <source>One message takes at most %1 characters</source>
        <translation>Uma mensagem tem no máximo %1 caracteres</translation>
    </message>
</context>
<context>
    <name>zapito::SavedRepliesPage</name>
    <message>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>horário</translation>
    </message>
    <message>
        <source>We are open Monday to Friday, 8:00 to 18:00.</source>
        <translation>Funcionamos de segunda a sexta, das 8h às 18h.</translation>
    </message>
    <message>
        <source>Saved replies</source>
        <translation>Respostas salvas</translation>
    </message>
    <message>
        <source>Answers you give often. In the reply box, type / and the start of a name (/hours), then Enter or Tab puts the text in; Esc closes the list. Plain text only.</source>
        <translation>Respostas que você dá com frequência. Na caixa de resposta, digite / e o começo de um nome (/horário); Enter ou Tab insere o texto e Esc fecha a lista. Só texto simples.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sem nome)</translation>
    </message>
    <message numerus="yes">
        <source>Saved. %n without a name or a text, or with a name used twice, was left out.</source>
        <translation>
            <numerusform>Salvo. %n resposta sem nome ou sem texto, ou com nome repetido, ficou de fora.</numerusform>
            <numerusform>Salvo. %n respostas sem nome ou sem texto, ou com nome repetido, ficaram de fora.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvo.</translation>
    </message>
</context>
<context>
    <name>zapito::SecretStore</name>
    <message>
        <source>No system keychain is available, so secrets are kept in the file %1, readable only by you (mode 0600).</source>
        <translation>Nenhum chaveiro do sistema está disponível, então os segredos ficam no arquivo %1, que só você pode ler (modo 0600).</translation>
    </message>
    <message>
        <source>Secrets are kept in the system keychain (service “%1”).</source>
        <translation>Os segredos ficam no chaveiro do sistema (serviço “%1”).</translation>
    </message>
    <message>
        <source>The system keychain refused to read the secret: %1</source>
        <translation>O chaveiro do sistema se recusou a ler o segredo: %1</translation>
    </message>
    <message>
        <source>The system keychain refused to store the secret: %1</source>
        <translation>O chaveiro do sistema se recusou a guardar o segredo: %1</translation>
    </message>
    <message>
        <source>Cannot read the secrets file %1: %2</source>
        <translation>Não é possível ler o arquivo de segredos %1: %2</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the secrets file.</source>
        <translation>Não é possível criar a pasta %1 para o arquivo de segredos.</translation>
    </message>
    <message>
        <source>Cannot write the secrets file %1: %2</source>
        <translation>Não é possível gravar o arquivo de segredos %1: %2</translation>
    </message>
    <message>
        <source>Cannot make the secrets file %1 private to you.</source>
        <translation>Não é possível tornar o arquivo de segredos %1 acessível só para você.</translation>
    </message>
    <message>
        <source>The system keychain did not answer within %1 s (it may be waiting to be unlocked); trying again later.</source>
        <translation>O chaveiro do sistema não respondeu em %1 s (talvez esteja esperando ser desbloqueado); tentando de novo mais tarde.</translation>
    </message>
    <message>
        <source>The secrets file %1 is damaged (%2), so it is neither read nor written. Restore it from a backup, or remove it and enter the secrets again.</source>
        <translation>O arquivo de segredos %1 está danificado (%2), então não é lido nem gravado. Restaure-o de um backup, ou remova-o e informe os segredos de novo.</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>não é um objeto JSON</translation>
    </message>
</context>
<context>
    <name>zapito::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>Descartar as alterações?</translation>
    </message>
    <message>
        <source>These settings pages have changes that are not saved: %1.</source>
        <translation>Estas páginas de configuração têm alterações não salvas: %1.</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Continuar editando</translation>
    </message>
</context>
<context>
    <name>zapito::SettingsPage</name>
    <message>
        <source>Not saved: %1</source>
        <translation>Não salvo: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvo.</translation>
    </message>
</context>
<context>
    <name>zapito::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source> or </source>
        <extracomment>Between two keys that do the same, e.g. &quot;Alt+Down or J&quot;.</extracomment>
        <translation> ou </translation>
    </message>
</context>
<context>
    <name>zapito::TelegramChannel</name>
    <message>
        <source>Telegram is switched off.</source>
        <translation>O Telegram está desativado.</translation>
    </message>
    <message>
        <source>Telegram needs a bot token (from @BotFather).</source>
        <translation>O Telegram precisa de um token de bot (do @BotFather).</translation>
    </message>
    <message>
        <source>Connecting to Telegram…</source>
        <translation>Conectando ao Telegram…</translation>
    </message>
    <message>
        <source>trying again in %1 s</source>
        <translation>tentando de novo em %1 s</translation>
    </message>
    <message>
        <source>Telegram refused the bot token (HTTP %1). Check it under Settings → Channels.</source>
        <translation>O Telegram recusou o token do bot (HTTP %1). Confira-o em Configurações → Canais.</translation>
    </message>
    <message>
        <source>Telegram will not deliver updates by polling while a webhook is set for this bot, or while another program polls with the same token (HTTP 409). Remove the webhook (deleteWebhook) or stop the other program; %1.</source>
        <translation>O Telegram não entrega atualizações por polling enquanto houver um webhook configurado para este bot ou enquanto outro programa fizer polling com o mesmo token (HTTP 409). Remova o webhook (deleteWebhook) ou encerre o outro programa; %1.</translation>
    </message>
    <message>
        <source>Telegram asks to slow down (HTTP 429); polling again in %1 s.</source>
        <translation>O Telegram pediu para ir mais devagar (HTTP 429); nova consulta em %1 s.</translation>
    </message>
    <message>
        <source>Cannot reach Telegram (%1); %2.</source>
        <translation>Não foi possível acessar o Telegram (%1); %2.</translation>
    </message>
    <message>
        <source>Telegram sent an answer that could not be read; %1.</source>
        <translation>O Telegram enviou uma resposta que não pôde ser lida; %1.</translation>
    </message>
    <message>
        <source>Connected; receiving messages.</source>
        <translation>Conectado; recebendo mensagens.</translation>
    </message>
    <message>
        <source>Telegram is not configured.</source>
        <translation>O Telegram não está configurado.</translation>
    </message>
    <message>
        <source>Telegram did not take the message: %1</source>
        <translation>O Telegram não aceitou a mensagem: %1</translation>
    </message>
    <message>
        <source>A Telegram message could not be stored (%1); trying again in %2 s.</source>
        <translation>Não foi possível guardar uma mensagem do Telegram (%1); tentando de novo em %2 s.</translation>
    </message>
</context>
<context>
    <name>zapito::TranscriptPane</name>
    <message>
        <source>Mark resolved</source>
        <translation>Marcar como resolvida</translation>
    </message>
    <message>
        <source>Mark &amp;resolved</source>
        <translation>Marcar como re&amp;solvida</translation>
    </message>
    <message>
        <source>Close the handoff and let the bot answer again (Ctrl+R)</source>
        <translation>Encerrar a transferência e deixar o bot responder de novo (Ctrl+R)</translation>
    </message>
    <message>
        <source>No conversation selected</source>
        <translation>Nenhuma conversa selecionada</translation>
    </message>
    <message>
        <source>Pick a conversation on the left to read it and reply. Use ↑ and ↓ to move through the list, Ctrl+2 for the ones that need a human.</source>
        <translation>Escolha uma conversa à esquerda para ler e responder. Use ↑ e ↓ para percorrer a lista e Ctrl+2 para ver as que precisam de atendente.</translation>
    </message>
    <message>
        <source>This conversation could not be read</source>
        <translation>Não foi possível ler esta conversa</translation>
    </message>
    <message>
        <source>Needs a human: %1</source>
        <translation>Precisa de atendente: %1</translation>
    </message>
    <message>
        <source>The bot is answering</source>
        <translation>O bot está respondendo</translation>
    </message>
    <message>
        <source>Resolved. The bot answers this customer again.</source>
        <translation>Resolvida. O bot volta a responder este cliente.</translation>
    </message>
    <message>
        <source>Transcripts show here</source>
        <translation>As conversas aparecem aqui</translation>
    </message>
    <message>
        <source>Load the sample conversations to try handoffs, the webhook and Mark resolved, or connect a channel so customers can reach your bot.</source>
        <translation>Carregue as conversas de exemplo para experimentar as transferências, o webhook e o botão Marcar como resolvida, ou conecte um canal para que os clientes possam falar com o seu bot.</translation>
    </message>
    <message>
        <source>An operator took over; the bot is silent</source>
        <translation>Um atendente assumiu; o bot fica em silêncio</translation>
    </message>
    <message>
        <source>Give back to the bot</source>
        <translation>Devolver ao bot</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Atribuir a mim</translation>
    </message>
    <message>
        <source>&amp;Assign to me</source>
        <translation>&amp;Atribuir a mim</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Rea&amp;brir</translation>
    </message>
    <message>
        <source>Make this conversation yours: it shows under Mine</source>
        <translation>Assumir esta conversa: ela aparece em Minhas</translation>
    </message>
    <message>
        <source>Hand this conversation back to a human, as it was before it was resolved</source>
        <translation>Devolver esta conversa a um atendente, como estava antes de ser resolvida</translation>
    </message>
    <message>
        <source>Assigned to you</source>
        <translation>Atribuída a você</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Atribuída a %1</translation>
    </message>
    <message>
        <source>Reopened. The bot is silent again.</source>
        <translation>Reaberta. O bot fica em silêncio de novo.</translation>
    </message>
    <message>
        <source>Sending again…</source>
        <translation>Enviando de novo…</translation>
    </message>
</context>
<context>
    <name>zapito::TranscriptView</name>
    <message>
        <source>Copy text</source>
        <translation>Copiar texto</translation>
    </message>
    <message>
        <source>Select part of the text</source>
        <translation>Selecionar parte do texto</translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation>Tentar enviar de novo</translation>
    </message>
</context>
<context>
    <name>zapito::TrayController</name>
    <message>
        <source>Show Zapito Inbox</source>
        <translation>Mostrar o Zapito Inbox</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>Zapito Inbox: nobody is waiting for a human</source>
        <translation>Zapito Inbox: ninguém está esperando atendimento</translation>
    </message>
    <message>
        <source>Zapito Inbox: 1 conversation needs a human</source>
        <translation>Zapito Inbox: 1 conversa precisa de atendente</translation>
    </message>
    <message>
        <source>Zapito Inbox: %1 conversations need a human</source>
        <translation>Zapito Inbox: %1 conversas precisam de atendente</translation>
    </message>
</context>
<context>
    <name>zapito::TriagePage</name>
    <message>
        <source>Single-key shortcuts (J, K, R, E, A, /) in the conversation list</source>
        <translation>Atalhos de uma tecla (J, K, R, E, A, /) na lista de conversas</translation>
    </message>
    <message>
        <source>They never act while you type in a text field.</source>
        <translation>Eles nunca agem enquanto você digita em um campo de texto.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Triagem</translation>
    </message>
    <message>
        <source>Show a wait as too long after</source>
        <translation>Destacar a espera como longa após</translation>
    </message>
    <message>
        <source>In Needs a human, a conversation that has waited this long for a person shows its waiting time in the warning colour.</source>
        <translation>Em Precisa de atendente, uma conversa que esperou esse tempo por uma pessoa mostra o tempo de espera na cor de alerta.</translation>
    </message>
</context>
<context>
    <name>zapito::UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
</context>
<context>
    <name>zapito::WebhookDispatcher</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>The webhook has no endpoint or is switched off, so nothing was sent.</source>
        <translation>O webhook não tem endpoint ou está desativado, então nada foi enviado.</translation>
    </message>
    <message>
        <source>No signing secret is set, so nothing was sent: requests are never sent unsigned. Set one in Settings → Integrations, then resend.</source>
        <translation>Nenhum segredo de assinatura foi definido, então nada foi enviado: as requisições nunca são enviadas sem assinatura. Defina um em Configurações → Integrações e reenvie.</translation>
    </message>
    <message>
        <source>The signing secret could not be read: %1</source>
        <translation>Não foi possível ler o segredo de assinatura: %1</translation>
    </message>
    <message>
        <source>No endpoint is set: enter the URL that should receive the leads.</source>
        <translation>Nenhum endpoint definido: informe a URL que deve receber os leads.</translation>
    </message>
    <message>
        <source>No signing secret is set: requests are never sent unsigned.</source>
        <translation>Nenhum segredo de assinatura definido: as requisições nunca são enviadas sem assinatura.</translation>
    </message>
    <message>
        <source>No complete answer within %1.</source>
        <translation>Nenhuma resposta completa em %1.</translation>
    </message>
    <message>
        <source>HTTP %1: a redirect (to %2), which is never followed.</source>
        <translation>HTTP %1: um redirecionamento (para %2), que nunca é seguido.</translation>
    </message>
    <message>
        <source>nowhere</source>
        <translation>lugar nenhum</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP %1 %2</source>
        <translation>HTTP %1 %2</translation>
    </message>
    <message>
        <source>The request failed without an answer.</source>
        <translation>A requisição falhou sem resposta.</translation>
    </message>
    <message>
        <source>The webhook outbox could not be read</source>
        <translation>Não foi possível ler a fila do webhook</translation>
    </message>
    <message>
        <source>The handoff&apos;s conversation could not be read</source>
        <translation>Não foi possível ler a conversa da transferência</translation>
    </message>
    <message>
        <source>Nothing was sent: whether this handoff belongs to a sample conversation could not be read (%1). Try again in a moment.</source>
        <translation>Nada foi enviado: não foi possível saber se esta transferência é de uma conversa de exemplo (%1). Tente de novo em instantes.</translation>
    </message>
    <message>
        <source>This handoff belongs to a sample conversation, so its webhook is never sent.</source>
        <translation>Esta transferência é de uma conversa de exemplo, então o webhook dela nunca é enviado.</translation>
    </message>
    <message>
        <source>An attempt is already under way; its result will show on the handoff.</source>
        <translation>Já há uma tentativa em andamento; o resultado aparecerá na transferência.</translation>
    </message>
    <message>
        <source>Nothing was sent: the webhook outbox could not be read (%1). Try again in a moment.</source>
        <translation>Nada foi enviado: não foi possível ler a fila do webhook (%1). Tente de novo em instantes.</translation>
    </message>
    <message>
        <source>Sending again now, as one more attempt; its result will show on the handoff.</source>
        <translation>Enviando de novo agora, como mais uma tentativa; o resultado aparecerá na transferência.</translation>
    </message>
    <message>
        <source>The webhook goes out as soon as the handoff message has been sent to the customer, which has not happened yet.</source>
        <translation>O webhook sai assim que a mensagem de transferência for enviada ao cliente, o que ainda não aconteceu.</translation>
    </message>
    <message>
        <source>Nothing was sent: the delivery could not be moved forward (%1); it still goes out at %2.</source>
        <translation>Nada foi enviado: não foi possível antecipar a entrega (%1); ela continua marcada para %2.</translation>
    </message>
    <message>
        <source>Sending now instead of at %1.</source>
        <translation>Enviando agora em vez de às %1.</translation>
    </message>
    <message>
        <source>Sending now.</source>
        <translation>Enviando agora.</translation>
    </message>
    <message>
        <source>%1 (%2); trying again at %3.</source>
        <translation>%1 (%2); tentando de novo às %3.</translation>
    </message>
    <message>
        <source>The skipped delivery could not be recorded</source>
        <translation>Não foi possível registrar a entrega não enviada</translation>
    </message>
    <message>
        <source>Nothing was sent: the skipped delivery could not be recorded (%1).</source>
        <translation>Nada foi enviado: não foi possível registrar a entrega não enviada (%1).</translation>
    </message>
    <message>
        <source>Nothing was sent: the webhook has no endpoint or is switched off, so the delivery is skipped.</source>
        <translation>Nada foi enviado: o webhook não tem endpoint ou está desligado, então a entrega não é feita.</translation>
    </message>
    <message>
        <source>The delivery could not be claimed</source>
        <translation>Não foi possível reservar a entrega</translation>
    </message>
    <message>
        <source>Nothing was sent yet: the delivery could not be claimed (%1); it is tried again shortly.</source>
        <translation>Nada foi enviado ainda: não foi possível reservar a entrega (%1); ela será tentada de novo em breve.</translation>
    </message>
    <message>
        <source>Nothing was sent: the delivery is not due yet; it goes out by itself.</source>
        <translation>Nada foi enviado: a entrega ainda não está na hora; ela sai sozinha.</translation>
    </message>
    <message>
        <source>Nothing was sent: the signing secret cannot be read right now. %1 Resend again once it can be read.</source>
        <translation>Nada foi enviado: o segredo de assinatura não pode ser lido agora. %1 Reenvie quando ele puder ser lido.</translation>
    </message>
    <message>
        <source>The signing secret cannot be read right now, so the webhook waits (this is no attempt): %1 It is tried again at %2.</source>
        <translation>O segredo de assinatura não pode ser lido agora, então o webhook espera (isto não conta como tentativa): %1 Nova tentativa às %2.</translation>
    </message>
    <message>
        <source>Nothing was sent: the stored webhook could not be read (%1). Try again in a moment.</source>
        <translation>Nada foi enviado: não foi possível ler o webhook guardado (%1). Tente de novo em instantes.</translation>
    </message>
    <message>
        <source>The stored webhook could not be read</source>
        <translation>Não foi possível ler o webhook guardado</translation>
    </message>
    <message>
        <source>The delivery id could not be read: %1</source>
        <translation>Não foi possível ler o id da entrega: %1</translation>
    </message>
    <message>
        <source>none stored</source>
        <translation>nenhum guardado</translation>
    </message>
    <message>
        <source>The attempt could not be recorded (%1); recording it again at %2.</source>
        <translation>Não foi possível registrar a tentativa (%1); registrando de novo às %2.</translation>
    </message>
    <message>
        <source>HTTP %1, but the answer broke off.</source>
        <translation>HTTP %1, mas a resposta foi interrompida.</translation>
    </message>
    <message>
        <source>Nothing was sent: the resend could not be queued (%1). Try again in a moment.</source>
        <translation>Nada foi enviado: não foi possível colocar o reenvio na fila (%1). Tente de novo em instantes.</translation>
    </message>
</context>
<context>
    <name>zapito::WebhookSettings</name>
    <message>
        <source>The endpoint URL contains a space; URLs cannot contain spaces (encode them as %20).</source>
        <translation>A URL do endpoint contém um espaço; URLs não podem conter espaços (codifique-os como %20).</translation>
    </message>
    <message>
        <source>The endpoint is not a valid URL: %1</source>
        <translation>O endpoint não é uma URL válida: %1</translation>
    </message>
    <message>
        <source>The endpoint URL must start with https:// or http://.</source>
        <translation>A URL do endpoint deve começar com https:// ou http://.</translation>
    </message>
    <message>
        <source>The endpoint must be an http or https URL, not %1.</source>
        <translation>O endpoint deve ser uma URL http ou https, não %1.</translation>
    </message>
    <message>
        <source>The endpoint URL has no host name (for example https://example.com/hooks/zapito).</source>
        <translation>A URL do endpoint não tem nome de host (por exemplo, https://example.com/hooks/zapito).</translation>
    </message>
    <message>
        <source>Put no user name or password in the endpoint URL: it would be stored in plain text. Receivers authenticate requests by the signature.</source>
        <translation>Não coloque usuário nem senha na URL do endpoint: eles ficariam guardados em texto puro. Quem recebe autentica as requisições pela assinatura.</translation>
    </message>
    <message>
        <source>Remove the #fragment from the endpoint URL: it is never sent to the server.</source>
        <translation>Remova o #fragmento da URL do endpoint: ele nunca é enviado ao servidor.</translation>
    </message>
    <message>
        <source>A signing secret is required when an endpoint is set, so your endpoint can tell the requests are from Zapito. Generate one.</source>
        <translation>Um segredo de assinatura é obrigatório quando há um endpoint, para que ele saiba que as requisições vêm do Zapito. Gere um.</translation>
    </message>
</context>
<context>
    <name>zapito::WhatsAppChannel</name>
    <message>
        <source>“%1” is not an IP address.</source>
        <translation>“%1” não é um endereço IP.</translation>
    </message>
    <message>
        <source>Cannot listen on %1:%2 (%3).</source>
        <translation>Não é possível escutar em %1:%2 (%3).</translation>
    </message>
    <message>
        <source>WhatsApp is switched off.</source>
        <translation>O WhatsApp está desativado.</translation>
    </message>
    <message>
        <source>WhatsApp needs the phone number id, access token, app secret and verify token.</source>
        <translation>O WhatsApp precisa do ID do número de telefone, do token de acesso, do segredo do app e do token de verificação.</translation>
    </message>
    <message>
        <source>Listening on %1:%2 for Meta&apos;s webhook; replies go through the Graph API.</source>
        <translation>Escutando em %1:%2 o webhook da Meta; as respostas saem pela Graph API.</translation>
    </message>
    <message>
        <source>WhatsApp is not configured.</source>
        <translation>O WhatsApp não está configurado.</translation>
    </message>
    <message>
        <source>The Graph API refused the access token (%1). Check it under Settings → Channels.</source>
        <translation>A Graph API recusou o token de acesso (%1). Confira-o em Configurações → Canais.</translation>
    </message>
    <message>
        <source>WhatsApp did not take the message: %1</source>
        <translation>O WhatsApp não aceitou a mensagem: %1</translation>
    </message>
</context>
<context>
    <name>zapito::cli</name>
    <message>
        <source>One conversation a line, tab-separated: id, channel, status, reason (- when none), last activity (UTC) and contact name.</source>
        <translation>Uma conversa por linha, separada por tabulações: id, canal, status, motivo (- quando não há), última atividade (UTC) e nome do contato.</translation>
    </message>
    <message>
        <source>One delivery a line, tab-separated: handoff id, conversation id, reason, outcome, attempts and time (UTC).</source>
        <translation>Uma entrega por linha, separada por tabulações: id da transferência, id da conversa, motivo, resultado, tentativas e horário (UTC).</translation>
    </message>
    <message>
        <source>In a field a backslash is written \\, a newline \n, a tab \t, a carriage return \r, and any other control or invisible formatting character (a right-to-left override, say) \u{XXXX}, its code in hex; --json gives the text as it is.</source>
        <translation>Dentro de um campo, uma barra invertida é escrita \\, uma quebra de linha \n, uma tabulação \t, um retorno de carro \r, e qualquer outro caractere de controle ou de formatação invisível (uma substituição da direita para a esquerda, por exemplo) \u{XXXX}, o seu código em hexadecimal; --json dá o texto como ele é.</translation>
    </message>
    <message>
        <source>Checks a webhook request&apos;s X-Zapito-Signature against its raw body (read from standard input unless --body-file is given). Exits 0 when it matches and 1 otherwise.</source>
        <translation>Confere o X-Zapito-Signature de uma requisição do webhook com o corpo bruto (lido da entrada padrão, a menos que --body-file seja informado). Sai com 0 quando confere e 1 caso contrário.</translation>
    </message>
    <message>
        <source>The file holding the signing secret (a final newline is ignored).</source>
        <translation>O arquivo com o segredo de assinatura (uma quebra de linha no final é ignorada).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>arquivo</translation>
    </message>
    <message>
        <source>The X-Zapito-Signature header value, sha256=&lt;hex&gt;.</source>
        <translation>O valor do cabeçalho X-Zapito-Signature, sha256=&lt;hex&gt;.</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>Read the body from &lt;file&gt; instead of standard input.</source>
        <translation>Lê o corpo de &lt;arquivo&gt; em vez da entrada padrão.</translation>
    </message>
    <message>
        <source>The command.</source>
        <translation>O comando.</translation>
    </message>
    <message>
        <source>Both --secret-file and --signature are required.</source>
        <translation>--secret-file e --signature são obrigatórios.</translation>
    </message>
    <message>
        <source>Cannot read the secret file %1: %2</source>
        <translation>Não é possível ler o arquivo de segredo %1: %2</translation>
    </message>
    <message>
        <source>The secret file %1 is empty.</source>
        <translation>O arquivo de segredo %1 está vazio.</translation>
    </message>
    <message>
        <source>Cannot read the body: %1</source>
        <translation>Não é possível ler o corpo: %1</translation>
    </message>
    <message>
        <source>The signature matches.</source>
        <translation>A assinatura confere.</translation>
    </message>
    <message>
        <source>The signature does not match this body and secret.</source>
        <translation>A assinatura não confere com este corpo e este segredo.</translation>
    </message>
    <message>
        <source>Lists every handoff&apos;s webhook delivery, newest first.</source>
        <translation>Lista a entrega ao webhook de cada transferência, da mais recente para a mais antiga.</translation>
    </message>
    <message>
        <source>Print a JSON array.</source>
        <translation>Imprime um array JSON.</translation>
    </message>
    <message>
        <source>handed to a human (handoff %1)</source>
        <translation>transferida para um atendente (transferência %1)</translation>
    </message>
    <message>
        <source>Zapito Inbox is running without a window on %1; stop it with Ctrl+C.</source>
        <translation>O Zapito Inbox está rodando sem janela em %1; pare-o com Ctrl+C.</translation>
    </message>
    <message>
        <source>Lists the conversations, newest first.</source>
        <translation>Lista as conversas, da mais recente para a mais antiga.</translation>
    </message>
    <message>
        <source>Only conversations waiting for a human.</source>
        <translation>Só as conversas esperando atendimento.</translation>
    </message>
    <message>
        <source>Marks a conversation resolved: the bot answers in it again.</source>
        <translation>Marca uma conversa como resolvida: o bot volta a responder nela.</translation>
    </message>
    <message>
        <source>Who resolved it (default: command line).</source>
        <translation>Quem resolveu (padrão: linha de comando).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>The conversation, e.g. conv_…</source>
        <translation>A conversa, por exemplo conv_…</translation>
    </message>
    <message>
        <source>Usage: zapito-inbox resolve CONVERSATION_ID</source>
        <translation>Uso: zapito-inbox resolve ID_DA_CONVERSA</translation>
    </message>
    <message>
        <source>Resolved %1 (handoff %2); the bot answers there again.</source>
        <translation>%1 resolvida (transferência %2); o bot volta a responder lá.</translation>
    </message>
    <message>
        <source>%1 (input hidden, Enter to finish): </source>
        <translation>%1 (entrada oculta, Enter para terminar): </translation>
    </message>
    <message>
        <source>Unknown setting %1; `zapito-inbox settings get` lists them all.</source>
        <translation>Configuração desconhecida %1; `zapito-inbox settings get` lista todas.</translation>
    </message>
    <message>
        <source>(cannot be read: %1)</source>
        <translation>(não pode ser lida: %1)</translation>
    </message>
    <message>
        <source>(set)</source>
        <translation>(definido)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(não definido)</translation>
    </message>
    <message>
        <source>%1 is a secret: give it on standard input, not on the command line (which shell history and other users can see).</source>
        <translation>%1 é um segredo: informe-o pela entrada padrão, não na linha de comando (que o histórico do shell e outros usuários podem ver).</translation>
    </message>
    <message>
        <source>%1 was not saved: %2</source>
        <translation>%1 não foi salvo: %2</translation>
    </message>
    <message>
        <source>Give the value: zapito-inbox settings set %1 VALUE</source>
        <translation>Informe o valor: zapito-inbox settings set %1 VALOR</translation>
    </message>
    <message>
        <source>%1 was not changed: %2.</source>
        <translation>%1 não foi alterado: %2.</translation>
    </message>
    <message>
        <source>%1 could not be written to %2.</source>
        <translation>Não foi possível gravar %1 em %2.</translation>
    </message>
    <message>
        <source>Read or change.</source>
        <translation>Ler ou alterar.</translation>
    </message>
    <message>
        <source>The setting (all of them for `get` without KEY).</source>
        <translation>A configuração (todas, para `get` sem CHAVE).</translation>
    </message>
    <message>
        <source>The new value (not for secrets).</source>
        <translation>O novo valor (não para segredos).</translation>
    </message>
    <message>
        <source>Usage: zapito-inbox settings get [KEY] | settings set KEY [VALUE]</source>
        <translation>Uso: zapito-inbox settings get [CHAVE] | settings set CHAVE [VALOR]</translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation>%1 salvo.</translation>
    </message>
    <message>
        <source>zapito-inbox: unknown command &quot;%1&quot;. Commands: %2. Without a command it opens the window; zapito-inbox --help says more.</source>
        <translation>zapito-inbox: comando desconhecido &quot;%1&quot;. Comandos: %2. Sem comando, abre a janela; zapito-inbox --help explica mais.</translation>
    </message>
    <message>
        <source>HTTP %1 in %2 ms</source>
        <translation>HTTP %1 em %2 ms</translation>
    </message>
    <message>
        <source>Answer (first %1 bytes):</source>
        <translation>Resposta (primeiros %1 bytes):</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>The test event failed: %1</source>
        <translation>O evento de teste falhou: %1</translation>
    </message>
    <message>
        <source>The test event failed after %1 ms: %2</source>
        <translation>O evento de teste falhou depois de %1 ms: %2</translation>
    </message>
    <message>
        <source>Posts a sample lead (reason &quot;test&quot;) to the webhook endpoint, signed with the signing secret, exactly as Settings → Integrations → Send test event does, and prints the HTTP status, the latency and the first 1 KB of the answer, or the error. The secret is never printed.
Exit code: 0 on a 2xx answer, 1 otherwise, 2 when no endpoint or secret is configured.</source>
        <translation>Envia um lead de exemplo (motivo &quot;test&quot;) ao endpoint do webhook, assinado com o segredo de assinatura, exatamente como Configurações → Integrações → Enviar evento de teste, e mostra o status HTTP, a latência e o primeiro 1 KB da resposta, ou o erro. O segredo nunca é mostrado.
Código de saída: 0 em uma resposta 2xx, 1 caso contrário, 2 quando não há endpoint ou segredo configurado.</translation>
    </message>
    <message>
        <source>Usage: zapito-inbox test-event</source>
        <translation>Uso: zapito-inbox test-event</translation>
    </message>
    <message>
        <source>No webhook endpoint is configured. Set one in Settings → Integrations or with: zapito-inbox settings set webhook.endpoint URL</source>
        <translation>Nenhum endpoint de webhook configurado. Defina um em Configurações → Integrações ou com: zapito-inbox settings set webhook.endpoint URL</translation>
    </message>
    <message>
        <source>The configured webhook endpoint cannot be used: %1</source>
        <translation>O endpoint de webhook configurado não pode ser usado: %1</translation>
    </message>
    <message>
        <source>Note: the webhook is switched off, so handoffs are not delivered; the test event is sent anyway.</source>
        <translation>Observação: o webhook está desligado, então as transferências não são entregues; o evento de teste é enviado mesmo assim.</translation>
    </message>
    <message>
        <source>The signing secret could not be read: %1</source>
        <translation>Não foi possível ler o segredo de assinatura: %1</translation>
    </message>
    <message>
        <source>No signing secret is configured, and nothing is ever sent unsigned. Generate one in Settings → Integrations or give one on standard input to: zapito-inbox settings set webhook.signing_secret</source>
        <translation>Nenhum segredo de assinatura configurado, e nada é enviado sem assinatura. Gere um em Configurações → Integrações ou informe um pela entrada padrão para: zapito-inbox settings set webhook.signing_secret</translation>
    </message>
    <message>
        <source>Posting a test event to %1 …</source>
        <translation>Enviando um evento de teste para %1 …</translation>
    </message>
    <message>
        <source>Type the reply, then Ctrl+D on a line of its own:</source>
        <translation>Digite a resposta e depois Ctrl+D em uma linha separada:</translation>
    </message>
    <message>
        <source>Answers a customer as the operator: the text is read from standard input and sent through the conversation&apos;s channel (Telegram or WhatsApp), as a reply from the window would be. If the bot has the conversation, the operator takes it over. Exit code: 0 once the channel took the message, 1 when it could not be sent, 2 on a usage error.
Example: echo &quot;Your table is ready.&quot; | zapito-inbox reply conv_…</source>
        <translation>Responde a um cliente como atendente: o texto é lido da entrada padrão e enviado pelo canal da conversa (Telegram ou WhatsApp), como uma resposta feita na janela. Se o bot está com a conversa, o atendente assume. Código de saída: 0 quando o canal aceitou a mensagem, 1 quando não foi possível enviá-la, 2 em um erro de uso.
Exemplo: echo &quot;Sua mesa está pronta.&quot; | zapito-inbox reply conv_…</translation>
    </message>
    <message>
        <source>Usage: echo TEXT | zapito-inbox reply CONVERSATION_ID</source>
        <translation>Uso: echo TEXTO | zapito-inbox reply ID_DA_CONVERSA</translation>
    </message>
    <message>
        <source>The reply is empty: give its text on standard input, e.g. echo TEXT | zapito-inbox reply %1</source>
        <translation>A resposta está vazia: informe o texto pela entrada padrão, por exemplo echo TEXTO | zapito-inbox reply %1</translation>
    </message>
    <message>
        <source>%1 is a preview chat conversation; answer it in the window (Tools → Preview chat).</source>
        <translation>%1 é uma conversa do chat de teste; responda na janela (Ferramentas → Chat de teste).</translation>
    </message>
    <message>
        <source>Sent to %1 through %2 (message %3).</source>
        <translation>Enviada para %1 pelo %2 (mensagem %3).</translation>
    </message>
    <message>
        <source>The reply was not sent: %1</source>
        <translation>A resposta não foi enviada: %1</translation>
    </message>
    <message>
        <source>The reply was not sent: %1 Nothing was stored.</source>
        <translation>A resposta não foi enviada: %1 Nada foi guardado.</translation>
    </message>
    <message>
        <source>The reply was stored but cannot be followed; the app sends it when it next starts.</source>
        <translation>A resposta foi guardada, mas não dá para acompanhá-la; o app a envia quando for iniciado de novo.</translation>
    </message>
    <message>
        <source>The Telegram bot token could not be read: %1</source>
        <translation>Não foi possível ler o token do bot do Telegram: %1</translation>
    </message>
    <message>
        <source>The WhatsApp access token could not be read: %1</source>
        <translation>Não foi possível ler o token de acesso do WhatsApp: %1</translation>
    </message>
    <message>
        <source>The channel did not answer in time; the reply stays queued and the app sends it when it next starts.</source>
        <translation>O canal não respondeu a tempo; a resposta fica na fila e o app a envia quando for iniciado de novo.</translation>
    </message>
    <message>
        <source>A scratch database for the test event could not be made: %1</source>
        <translation>Não foi possível criar um banco de dados temporário para o evento de teste: %1</translation>
    </message>
    <message>
        <source>Gave %1 back to the bot; it answers there again.</source>
        <translation>%1 devolvida ao bot; ele volta a responder lá.</translation>
    </message>
    <message>
        <source>This process leads: it runs the channels, the bot and webhook delivery.</source>
        <translation>Este processo lidera: ele executa os canais, o bot e a entrega do webhook.</translation>
    </message>
    <message>
        <source>Another process leads this inbox; this one waits as a standby and takes over when it goes.</source>
        <translation>Outro processo lidera esta caixa de entrada; este aguarda como reserva e assume quando o outro sair.</translation>
    </message>
    <message>
        <source>This is a sample conversation: there is no customer to reply to.</source>
        <translation>Esta é uma conversa de exemplo: não há cliente para responder.</translation>
    </message>
    <message>
        <source>The leading process has not sent the reply yet; it stays queued and is sent by whichever process leads.</source>
        <translation>O processo líder ainda não enviou a resposta; ela fica na fila e é enviada por quem estiver liderando.</translation>
    </message>
    <message>
        <source>Shows which process leads the inbox (runs the channels, the bot and the webhook), and the standbys and seats online.</source>
        <translation>Mostra qual processo lidera a caixa de entrada (executa os canais, o bot e o webhook), e os reservas e postos conectados.</translation>
    </message>
    <message>
        <source>One process a line, tab-separated: role (leader, standby or seat), host, process id, started (UTC), leading since (UTC; - when not leading), last heartbeat (UTC) and a note (why it cannot lead; - when none).</source>
        <translation>Um processo por linha, separado por tabulações: papel (leader, standby ou seat), host, id do processo, início (UTC), liderando desde (UTC; - quando não lidera), último sinal de vida (UTC) e uma observação (por que não pode liderar; - quando não há).</translation>
    </message>
    <message>
        <source>No process leads this inbox: nothing is received or sent until the window or zapito-inbox --headless runs.</source>
        <translation>Nenhum processo lidera esta caixa de entrada: nada é recebido nem enviado até que a janela ou o zapito-inbox --headless seja executado.</translation>
    </message>
    <message>
        <source>%1 was not changed: %2</source>
        <translation>%1 não foi alterado: %2</translation>
    </message>
    <message>
        <source>Reads or changes a setting. Secrets are read from standard input and never printed; they stay on this machine. The webhook&apos;s, the bot&apos;s and the channels&apos; settings are kept in the inbox, so every seat and the leader share them and follow a change at once; database.location is this machine&apos;s.

Settings:</source>
        <translation>Lê ou altera uma configuração. Os segredos são lidos da entrada padrão e nunca são impressos; ficam nesta máquina. As configurações do webhook, do bot e dos canais ficam guardadas na caixa de entrada, então todos os postos e o líder as compartilham e seguem uma mudança na hora; database.location é desta máquina.

Configurações:</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name></name>
    <message>
        <source>the access token holds a character no token has (a space, a control character or a letter outside ASCII): copy it again from Chatwoot&apos;s Profile settings</source>
        <translation>o token de acesso tem um caractere que nenhum token tem (um espaço, um caractere de controle ou uma letra fora do ASCII): copie-o de novo nas Configurações do perfil do Chatwoot</translation>
    </message>
    <message>
        <source>could not connect to {base_url}: {reason}</source>
        <translation>não foi possível conectar a {base_url}: {reason}</translation>
    </message>
    <message>
        <source>no answer from {base_url} after the request was sent: {reason}</source>
        <translation>sem resposta de {base_url} depois de enviado o pedido: {reason}</translation>
    </message>
    <message>
        <source>the server answered HTTP {status} with something that is not JSON ({kind})</source>
        <translation>o servidor respondeu HTTP {status} com algo que não é JSON ({kind})</translation>
    </message>
    <message>
        <source>the server has no such resource</source>
        <translation>o servidor não tem esse recurso</translation>
    </message>
    <message>
        <source>the server says it has changed meanwhile</source>
        <translation>o servidor diz que isso mudou nesse meio-tempo</translation>
    </message>
    <message>
        <source>the server refused the request</source>
        <translation>o servidor recusou o pedido</translation>
    </message>
    <message>
        <source>too many requests</source>
        <translation>pedidos demais</translation>
    </message>
    <message>
        <source>the server failed (HTTP {status})</source>
        <translation>o servidor falhou (HTTP {status})</translation>
    </message>
    <message>
        <source>unexpected answer from the server (HTTP {status})</source>
        <translation>resposta inesperada do servidor (HTTP {status})</translation>
    </message>
    <message>
        <source>{url} is not a server address: write it in full, e.g. https://chat.example.com</source>
        <translation>{url} não é um endereço de servidor: escreva-o completo, por exemplo https://chat.example.com</translation>
    </message>
    <message>
        <source>{url}: only https:// (or http:// on this machine) is supported</source>
        <translation>{url}: só https:// é aceito (ou http:// neste computador)</translation>
    </message>
    <message>
        <source>{url} has no host name</source>
        <translation>{url} não tem nome de host</translation>
    </message>
    <message>
        <source>{url}: give the server&apos;s address without ? or # parts</source>
        <translation>{url}: informe o endereço do servidor sem partes com ? ou #</translation>
    </message>
    <message>
        <source>{url} uses plain http://, which would send your access token unencrypted; use https:// (http:// is accepted only for a server on this machine)</source>
        <translation>{url} usa http:// simples, que enviaria seu token de acesso sem criptografia; use https:// (http:// só é aceito para um servidor neste computador)</translation>
    </message>
    <message>
        <source>read or change settings</source>
        <translation>ler ou alterar configurações</translation>
    </message>
    <message>
        <source>Settings: {settings}</source>
        <translation>Configurações: {settings}</translation>
    </message>
    <message>
        <source>{key} ({description}, default {default})</source>
        <translation>{key} ({description}, padrão {default})</translation>
    </message>
    <message>
        <source>config get takes a key only</source>
        <translation>config get aceita apenas uma chave</translation>
    </message>
    <message>
        <source>config {action} needs a key</source>
        <translation>config {action} precisa de uma chave</translation>
    </message>
    <message>
        <source>config set {key} needs a value</source>
        <translation>config set {key} precisa de um valor</translation>
    </message>
    <message>
        <source>{key} = {value} (default)</source>
        <translation>{key} = {value} (padrão)</translation>
    </message>
    <message>
        <source>it is left as it is: &apos;agent-desktop doctor --recover&apos; keeps it aside and restores the newest backup</source>
        <translation>ele fica como está: &apos;agent-desktop doctor --recover&apos; o guarda à parte e restaura o backup mais recente</translation>
    </message>
    <message>
        <source>it is left as it is: &apos;agent-desktop doctor --recover&apos; keeps it aside and starts an empty database</source>
        <translation>ele fica como está: &apos;agent-desktop doctor --recover&apos; o guarda à parte e começa um banco de dados vazio</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>erro: {message}</translation>
    </message>
    <message>
        <source>list conversations</source>
        <translation>listar conversas</translation>
    </message>
    <message>
        <source>print JSON</source>
        <translation>imprimir em JSON</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>CONTACT</source>
        <translation>CONTATO</translation>
    </message>
    <message>
        <source>UNREAD</source>
        <translation>NÃO LIDAS</translation>
    </message>
    <message>
        <source>ACTIVE</source>
        <translation>ATIVIDADE</translation>
    </message>
    <message>
        <source>LAST MESSAGE</source>
        <translation>ÚLTIMA MENSAGEM</translation>
    </message>
    <message>
        <source>mine {mine} · unassigned {unassigned} · all {all}</source>
        <translation>minhas {mine} · não atribuídas {unassigned} · todas {all}</translation>
    </message>
    <message>
        <source>page {page}, more with --page {next}</source>
        <translation>página {page}, mais com --page {next}</translation>
    </message>
    <message>
        <source>run a Chatwoot-compatible demo server</source>
        <translation>executar um servidor de demonstração compatível com o Chatwoot</translation>
    </message>
    <message>
        <source>Serve a demo Chatwoot API (three accounts: upstream, the fork&apos;s scheduled_messages resource, and the scheduled_at design) until stopped.</source>
        <translation>Serve uma API Chatwoot de demonstração (três contas: o Chatwoot original, o recurso scheduled_messages do fork e o desenho scheduled_at) até ser interrompido.</translation>
    </message>
    <message>
        <source>address to listen on (default: loopback only)</source>
        <translation>endereço onde escutar (padrão: somente loopback)</translation>
    </message>
    <message>
        <source>port (0: any free port)</source>
        <translation>porta (0: qualquer porta livre)</translation>
    </message>
    <message>
        <source>the demo agent&apos;s access token</source>
        <translation>o token de acesso do agente de demonstração</translation>
    </message>
    <message>
        <source>how often the server sends due scheduled messages (default 60)</source>
        <translation>de quanto em quanto tempo o servidor envia as mensagens agendadas vencidas (padrão 60)</translation>
    </message>
    <message>
        <source>how often a customer writes back on their own (0: never)</source>
        <translation>de quanto em quanto tempo um cliente responde por conta própria (0: nunca)</translation>
    </message>
    <message>
        <source>how many conversations the first start makes (default 36)</source>
        <translation>quantas conversas o primeiro início cria (padrão 36)</translation>
    </message>
    <message>
        <source>keep the server&apos;s data in this SQLite file (default: memory)</source>
        <translation>guardar os dados do servidor neste arquivo SQLite (padrão: memória)</translation>
    </message>
    <message>
        <source>which real server to behave like: {names} (default: upstream)</source>
        <translation>com qual servidor real se parecer: {names} (padrão: upstream)</translation>
    </message>
    <message>
        <source>drop header names with underscores, as a default nginx in front does</source>
        <translation>descartar cabeçalhos com sublinhado no nome, como faz um nginx padrão na frente</translation>
    </message>
    <message>
        <source>conversations a page (the install&apos;s CONVERSATION_RESULTS_PER_PAGE; 25)</source>
        <translation>conversas por página (o CONVERSATION_RESULTS_PER_PAGE da instalação; 25)</translation>
    </message>
    <message>
        <source>no live channel at /cable, as behind a proxy that blocks websockets</source>
        <translation>sem canal ao vivo em /cable, como atrás de um proxy que bloqueia websockets</translation>
    </message>
    <message>
        <source>error: --port must be between 0 and 65535, not {port}</source>
        <translation>erro: --port deve estar entre 0 e 65535, não {port}</translation>
    </message>
    <message>
        <source>error: --dispatch-interval must be more than 0 seconds</source>
        <translation>erro: --dispatch-interval deve ser maior que 0 segundos</translation>
    </message>
    <message>
        <source>error: unknown --profile {name}; known: {names}</source>
        <translation>erro: --profile {name} desconhecido; conhecidos: {names}</translation>
    </message>
    <message>
        <source>error: --page-size must be from 1 to 100</source>
        <translation>erro: --page-size deve ser de 1 a 100</translation>
    </message>
    <message>
        <source>error: --conversations must be from 1 to 10000</source>
        <translation>erro: --conversations deve ser de 1 a 10000</translation>
    </message>
    <message>
        <source>error: the folder for --data does not exist: {folder}</source>
        <translation>erro: a pasta de --data não existe: {folder}</translation>
    </message>
    <message>
        <source>error: cannot listen on {address}: {reason}</source>
        <translation>erro: não foi possível escutar em {address}: {reason}</translation>
    </message>
    <message>
        <source>Demo Chatwoot server at {url}</source>
        <translation>Servidor Chatwoot de demonstração em {url}</translation>
    </message>
    <message>
        <source>, behind nginx</source>
        <translation>, atrás de um nginx</translation>
    </message>
    <message>
        <source>behaving like: {description}{nginx}</source>
        <translation>comportando-se como: {description}{nginx}</translation>
    </message>
    <message>
        <source>token: {token}</source>
        <translation>token: {token}</translation>
    </message>
    <message>
        <source>account {id}: upstream Chatwoot (no server scheduling)</source>
        <translation>conta {id}: Chatwoot original (sem agendamento no servidor)</translation>
    </message>
    <message>
        <source>account {id}: the fork&apos;s scheduled_messages resource</source>
        <translation>conta {id}: o recurso scheduled_messages do fork</translation>
    </message>
    <message>
        <source>account {id}: the scheduled_at design (feature flag on)</source>
        <translation>conta {id}: o desenho scheduled_at (feature flag ligada)</translation>
    </message>
    <message>
        <source>Stop with Ctrl+C.</source>
        <translation>Pare com Ctrl+C.</translation>
    </message>
    <message>
        <source>check configuration, keyring, server and outbox</source>
        <translation>verificar configuração, chaveiro, servidor e caixa de saída</translation>
    </message>
    <message>
        <source>when the database is damaged: keep it aside and restore the newest backup (or start empty when there is none)</source>
        <translation>quando o banco de dados está danificado: guardá-lo à parte e restaurar o backup mais recente (ou começar vazio se não houver)</translation>
    </message>
    <message>
        <source>the server refused the token: {error}</source>
        <translation>o servidor recusou o token: {error}</translation>
    </message>
    <message>
        <source>the database is not damaged; nothing to recover</source>
        <translation>o banco de dados não está danificado; nada a recuperar</translation>
    </message>
    <message>
        <source>the damaged database was kept as {path}</source>
        <translation>o banco de dados danificado foi guardado como {path}</translation>
    </message>
    <message>
        <source>no sound backup was found: starting with an empty database</source>
        <translation>nenhuma cópia de segurança íntegra foi encontrada: começando com um banco de dados vazio</translation>
    </message>
    <message>
        <source>restored the backup {backup}</source>
        <translation>cópia de segurança restaurada: {backup}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>data directory</source>
        <translation>pasta de dados</translation>
    </message>
    <message>
        <source>{home} (schema {schema})</source>
        <translation>{home} (esquema {schema})</translation>
    </message>
    <message>
        <source>keyring</source>
        <translation>chaveiro</translation>
    </message>
    <message>
        <source> (none available: tokens cannot be kept)</source>
        <translation> (nenhum disponível: os tokens não podem ser guardados)</translation>
    </message>
    <message>
        <source>server</source>
        <translation>servidor</translation>
    </message>
    <message>
        <source>{server} account {account} as {user}</source>
        <translation>{server} conta {account} como {user}</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>acessível</translation>
    </message>
    <message>
        <source>token valid</source>
        <translation>token válido</translation>
    </message>
    <message>
        <source>backend</source>
        <translation>backend</translation>
    </message>
    <message>
        <source>{in_use} (detected {detected}: {why})</source>
        <translation>{in_use} (detectado {detected}: {why})</translation>
    </message>
    <message>
        <source>clock</source>
        <translation>relógio</translation>
    </message>
    <message>
        <source>after an uncertain send</source>
        <translation>após um envio incerto</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>problema</translation>
    </message>
    <message>
        <source>outbox</source>
        <translation>caixa de saída</translation>
    </message>
    <message>
        <source>pending {pending}, overdue {overdue}, failed {failed}, held {held}, missed {missed}</source>
        <translation>pendentes {pending}, atrasadas {overdue}, com falha {failed}, retidas {held}, perdidas {missed}</translation>
    </message>
    <message>
        <source>kept by servers</source>
        <translation>guardadas pelos servidores</translation>
    </message>
    <message>
        <source>pending {pending}, held {held}, drafts {draft}, failed {failed}, awaiting the server&apos;s word {unsettled}</source>
        <translation>pendentes {pending}, retidas {held}, rascunhos {draft}, com falha {failed}, esperando a palavra do servidor {unsettled}</translation>
    </message>
    <message numerus="yes">
        <source>this computer&apos;s clock is %n minute(s) ahead of the server&apos;s</source>
        <translation>
            <numerusform>o relógio deste computador está %n minuto adiantado em relação ao do servidor</numerusform>
            <numerusform>o relógio deste computador está %n minutos adiantado em relação ao do servidor</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>this computer&apos;s clock is %n minute(s) behind the server&apos;s</source>
        <translation>
            <numerusform>o relógio deste computador está %n minuto atrasado em relação ao do servidor</numerusform>
            <numerusform>o relógio deste computador está %n minutos atrasado em relação ao do servidor</numerusform>
        </translation>
    </message>
    <message>
        <source>looked for by its delivery key (the server keeps it)</source>
        <translation>procurada pela chave de entrega (o servidor a guarda)</translation>
    </message>
    <message>
        <source>looked for by its text, files and sender (the server drops the delivery key)</source>
        <translation>procurada pelo texto, arquivos e remetente (o servidor descarta a chave de entrega)</translation>
    </message>
    <message>
        <source>looked for by its delivery key, else by its text, files and sender</source>
        <translation>procurada pela chave de entrega, ou então pelo texto, arquivos e remetente</translation>
    </message>
    <message>
        <source>Find your access token in Chatwoot under Profile settings (your avatar, then Profile settings, then Access Token).</source>
        <translation>Seu token de acesso fica no Chatwoot, em Configurações do perfil (clique no seu avatar, depois em Configurações do perfil e em Token de acesso).</translation>
    </message>
    <message>
        <source>sign in to a Chatwoot server with an access token</source>
        <translation>entrar em um servidor Chatwoot com um token de acesso</translation>
    </message>
    <message>
        <source>Verify an access token with the server and keep it in the system keyring. The token is read from standard input, or asked for.</source>
        <translation>Verifica um token de acesso com o servidor e o guarda no chaveiro do sistema. O token é lido da entrada padrão ou pedido.</translation>
    </message>
    <message>
        <source>forget the access token kept for a server</source>
        <translation>esquece o token de acesso guardado para um servidor</translation>
    </message>
    <message>
        <source>Remove the access token of the last server used (or of --server) from the system keyring, with drafts and the page kept for a quick start. Scheduled messages are kept: this app&apos;s wait until you sign in again.</source>
        <translation>Remove do chaveiro do sistema o token de acesso do último servidor usado (ou do --server), junto com os rascunhos e a página guardada para um início rápido. As mensagens agendadas são mantidas: as deste app esperam até você entrar de novo.</translation>
    </message>
    <message>
        <source>Access token: </source>
        <translation>Token de acesso: </translation>
    </message>
    <message>
        <source>say which server: agent-desktop --server https://chat.example.com login</source>
        <translation>diga qual servidor: agent-desktop --server https://chat.example.com login</translation>
    </message>
    <message>
        <source>no token given.</source>
        <translation>nenhum token informado.</translation>
    </message>
    <message>
        <source>Signed in to {url} as {user}, account {account} ({name}).</source>
        <translation>Conectado a {url} como {user}, conta {account} ({name}).</translation>
    </message>
    <message>
        <source>not signed in there: nothing to forget</source>
        <translation>não conectado ali: nada a esquecer</translation>
    </message>
    <message>
        <source>Signed out of {url}.</source>
        <translation>Desconectado de {url}.</translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled message(s) in this app&apos;s outbox wait until you sign in again.</source>
        <translation>
            <numerusform>%n mensagem agendada na caixa de saída deste app espera até você entrar de novo.</numerusform>
            <numerusform>%n mensagens agendadas na caixa de saída deste app esperam até você entrar de novo.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} is set: commands still sign in with it.</source>
        <translation>{name} está definida: os comandos continuam entrando com ela.</translation>
    </message>
    <message>
        <source>exit codes: 0 ok, 2 invalid input, 3 server, network or auth error, 1 anything else.
The token comes from AGENT_DESKTOP_TOKEN or the system keyring (see &apos;login&apos;).</source>
        <translation>códigos de saída: 0 ok, 2 entrada inválida, 3 erro de servidor, rede ou autenticação, 1 qualquer outro.
O token vem de AGENT_DESKTOP_TOKEN ou do chaveiro do sistema (veja &apos;login&apos;).</translation>
    </message>
    <message>
        <source>the Chatwoot server&apos;s address</source>
        <translation>o endereço do servidor Chatwoot</translation>
    </message>
    <message>
        <source>the account id</source>
        <translation>o id da conta</translation>
    </message>
    <message>
        <source>data directory (default: the platform&apos;s; AGENT_DESKTOP_HOME too)</source>
        <translation>pasta de dados (padrão: a da plataforma; também AGENT_DESKTOP_HOME)</translation>
    </message>
    <message>
        <source>write more detail to the log (in the data directory&apos;s logs/)</source>
        <translation>gravar mais detalhes no log (em logs/ na pasta de dados)</translation>
    </message>
    <message>
        <source>A Chatwoot desktop client for agents that schedules replies.</source>
        <translation>Um cliente desktop do Chatwoot para agentes, que agenda respostas.</translation>
    </message>
    <message>
        <source>start the app on a built-in demo server, with a throwaway home</source>
        <translation>abrir o app em um servidor de demonstração embutido, com uma pasta de dados descartável</translation>
    </message>
    <message>
        <source>open the window, wait for the first conversations, print a one-line JSON summary and exit</source>
        <translation>abrir a janela, esperar as primeiras conversas, imprimir um resumo JSON de uma linha e sair</translation>
    </message>
    <message>
        <source>start in the tray without showing the window (as at login)</source>
        <translation>iniciar na bandeja sem mostrar a janela (como ao entrar no sistema)</translation>
    </message>
    <message>
        <source>error: the window needs system libraries this computer lacks: {packages} (Debian, Ubuntu: sudo apt-get install {packages}); the commands work without them (agent-desktop --help)</source>
        <translation>erro: a janela precisa de bibliotecas do sistema que faltam neste computador: {packages} (Debian, Ubuntu: sudo apt-get install {packages}); os comandos funcionam sem elas (agent-desktop --help)</translation>
    </message>
    <message>
        <source>error: the desktop app needs PySide6 ({error}); the commands work without it (agent-desktop --help)</source>
        <translation>erro: o app desktop precisa do PySide6 ({error}); os comandos funcionam sem ele (agent-desktop --help)</translation>
    </message>
    <message>
        <source>list scheduled messages</source>
        <translation>listar mensagens agendadas</translation>
    </message>
    <message>
        <source>change a scheduled message&apos;s text or time</source>
        <translation>alterar o texto ou o horário de uma mensagem agendada</translation>
    </message>
    <message>
        <source>hold it if the customer replies meanwhile</source>
        <translation>segurar se o cliente responder nesse meio-tempo</translation>
    </message>
    <message>
        <source>cancel a scheduled message</source>
        <translation>cancelar uma mensagem agendada</translation>
    </message>
    <message>
        <source>bring a cancelled message back, before its time</source>
        <translation>trazer de volta uma mensagem cancelada, antes do horário dela</translation>
    </message>
    <message>
        <source>send a scheduled message now</source>
        <translation>enviar agora uma mensagem agendada</translation>
    </message>
    <message>
        <source>try a failed message again now</source>
        <translation>tentar de novo agora uma mensagem com falha</translation>
    </message>
    <message>
        <source>warning: the server could not be asked for news ({error}); showing what is known</source>
        <translation>aviso: não foi possível consultar o servidor ({error}); mostrando o que já se sabe</translation>
    </message>
    <message>
        <source>No scheduled messages.</source>
        <translation>Nenhuma mensagem agendada.</translation>
    </message>
    <message>
        <source>WHEN</source>
        <translation>QUANDO</translation>
    </message>
    <message>
        <source>CONV</source>
        <translation>CONV</translation>
    </message>
    <message>
        <source>BACKEND</source>
        <translation>BACKEND</translation>
    </message>
    <message>
        <source>TRIES</source>
        <translation>TENTATIVAS</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXTO</translation>
    </message>
    <message>
        <source>the inbox is closed then: it goes out when it opens, {when}</source>
        <translation>a caixa de entrada está fechada nesse horário: a mensagem sai quando ela abrir, {when}</translation>
    </message>
    <message>
        <source>--tz, --later and --customer-zone go with --at</source>
        <translation>--tz, --later e --customer-zone só valem com --at</translation>
    </message>
    <message>
        <source>say what to change: --text, --text-file, --at or --[no-]hold-on-reply</source>
        <translation>diga o que mudar: --text, --text-file, --at ou --[no-]hold-on-reply</translation>
    </message>
    <message>
        <source>#{id} now {state} for {when}.</source>
        <translation>#{id} agora {state} para {when}.</translation>
    </message>
    <message>
        <source>#{id} cancelled.</source>
        <translation>#{id} cancelada.</translation>
    </message>
    <message>
        <source>#{id} is due now; a running Agent Desktop will send it.</source>
        <translation>#{id} vence agora; um Agent Desktop aberto vai enviá-la.</translation>
    </message>
    <message>
        <source>#{id} sent (message {message}).</source>
        <translation>#{id} enviada (mensagem {message}).</translation>
    </message>
    <message>
        <source>#{id} held: {why}.</source>
        <translation>#{id} retida: {why}.</translation>
    </message>
    <message>
        <source>sending is paused until you sign in again</source>
        <translation>o envio está pausado até você entrar de novo</translation>
    </message>
    <message>
        <source>#{id} not sent: {why} (now {state}).</source>
        <translation>#{id} não enviada: {why} (agora {state}).</translation>
    </message>
    <message>
        <source>send the local outbox&apos;s messages as they come due</source>
        <translation>enviar as mensagens da caixa de saída local conforme vencem</translation>
    </message>
    <message>
        <source>Send the local outbox&apos;s messages as they come due, until stopped (Ctrl+C). One sender runs per data directory: started while another runs, this one waits and takes over when it stops.</source>
        <translation>Envia as mensagens da caixa de saída local na hora certa, até ser interrompido (Ctrl+C). Roda um só remetente por pasta de dados: iniciado enquanto outro roda, este espera e assume quando o outro parar.</translation>
    </message>
    <message>
        <source>exit once no local message is pending or waiting for a retry</source>
        <translation>sair quando nenhuma mensagem local estiver pendente ou aguardando nova tentativa</translation>
    </message>
    <message>
        <source>run while process PID runs, then until no local message waits (the window starts its sender so)</source>
        <translation>rodar enquanto o processo PID rodar e depois até nenhuma mensagem local esperar (é assim que a janela inicia seu remetente)</translation>
    </message>
    <message>
        <source>#{id} (conversation {conversation})</source>
        <translation>#{id} (conversa {conversation})</translation>
    </message>
    <message>
        <source>due {when}</source>
        <translation>prevista para {when}</translation>
    </message>
    <message>
        <source>sending is paused or scheduling is turned off (agent-desktop config set sending_paused false, scheduling_enabled true): nothing will be sent</source>
        <translation>o envio está pausado ou o agendamento está desligado (agent-desktop config set sending_paused false, scheduling_enabled true): nada será enviado</translation>
    </message>
    <message>
        <source>disk full: {path} could not be written; sending waits until some space is freed, then goes on (nothing was lost)</source>
        <translation>disco cheio: não foi possível gravar {path}; o envio espera até que algum espaço seja liberado e depois continua (nada foi perdido)</translation>
    </message>
    <message>
        <source>there is space on the disk again: sending goes on</source>
        <translation>há espaço no disco de novo: o envio continua</translation>
    </message>
    <message>
        <source>pid {pid}</source>
        <translation>pid {pid}</translation>
    </message>
    <message>
        <source>another process</source>
        <translation>outro processo</translation>
    </message>
    <message>
        <source>another sender runs for {home} ({holder}): waiting to take over</source>
        <translation>outro remetente roda para {home} ({holder}): esperando para assumir</translation>
    </message>
    <message>
        <source>the other sender has not answered for {seconds} s: sending beside it (each message is claimed, so none goes twice)</source>
        <translation>o outro remetente não responde há {seconds} s: enviando ao lado dele (cada mensagem é reservada, então nenhuma sai duas vezes)</translation>
    </message>
    <message numerus="yes">
        <source>sending from {home}: %n message(s) waiting; Ctrl+C stops</source>
        <translation>
            <numerusform>enviando de {home}: %n mensagem aguardando; Ctrl+C para</numerusform>
            <numerusform>enviando de {home}: %n mensagens aguardando; Ctrl+C para</numerusform>
        </translation>
    </message>
    <message>
        <source>error: {why}: stopped sending, so that nothing goes out twice or is lost; see &apos;agent-desktop doctor&apos;, then start &apos;agent-desktop run&apos; again</source>
        <translation>erro: {why}: o envio parou, para que nada saia duas vezes nem se perca; veja &apos;agent-desktop doctor&apos; e depois inicie &apos;agent-desktop run&apos; de novo</translation>
    </message>
    <message>
        <source>error: sending is paused until you sign in again (agent-desktop login)</source>
        <translation>erro: o envio está pausado até você entrar de novo (agent-desktop login)</translation>
    </message>
    <message>
        <source>the IANA time zone of --at (default: this computer&apos;s)</source>
        <translation>o fuso horário IANA de --at (padrão: o deste computador)</translation>
    </message>
    <message>
        <source>when clocks fall back and the time happens twice, the second</source>
        <translation>quando o relógio volta e o horário acontece duas vezes, a segunda</translation>
    </message>
    <message>
        <source>the message</source>
        <translation>a mensagem</translation>
    </message>
    <message>
        <source>read the message from FILE (- for standard input)</source>
        <translation>ler a mensagem de FILE (- para a entrada padrão)</translation>
    </message>
    <message>
        <source>schedule a reply</source>
        <translation>agendar uma resposta</translation>
    </message>
    <message>
        <source>send even if the customer replies meanwhile</source>
        <translation>enviar mesmo que o cliente responda antes</translation>
    </message>
    <message>
        <source>when to send: &quot;YYYY-MM-DD HH:MM[:SS]&quot; in local time, +1h, +90m, &quot;tomorrow 09:00&quot; or &quot;monday 09:00&quot; (the next Monday)</source>
        <translation>quando enviar: &quot;AAAA-MM-DD HH:MM[:SS]&quot; no horário local, +1h, +90m, &quot;amanhã 09:00&quot; ou &quot;segunda-feira 09:00&quot; (a próxima segunda)</translation>
    </message>
    <message>
        <source>; their-morning (the next 9:00 for the customer) or inbox-opens (the next opening of the inbox&apos;s business hours)</source>
        <translation>; their-morning (as próximas 9:00 do cliente) ou inbox-opens (a próxima abertura do horário de atendimento da caixa de entrada)</translation>
    </message>
    <message>
        <source>; customer or inbox: the customer&apos;s or the inbox&apos;s zone</source>
        <translation>; customer ou inbox: o fuso do cliente ou da caixa de entrada</translation>
    </message>
    <message>
        <source>schedule it even if the same text already waits in this conversation</source>
        <translation>agendar mesmo que o mesmo texto já esteja à espera nesta conversa</translation>
    </message>
    <message>
        <source>if that time falls while the inbox is closed, send at its next opening (its business hours)</source>
        <translation>se esse horário cair com a caixa de entrada fechada, enviar na próxima abertura (o horário de atendimento dela)</translation>
    </message>
    <message>
        <source>attach a file (may be repeated)</source>
        <translation>anexar um arquivo (pode ser repetido)</translation>
    </message>
    <message>
        <source>where the message waits (default: the &apos;backend&apos; setting)</source>
        <translation>onde a mensagem espera (padrão: a configuração &apos;backend&apos;)</translation>
    </message>
    <message>
        <source>check and show the time only; contact no server</source>
        <translation>apenas verificar e mostrar o horário, sem contatar o servidor</translation>
    </message>
    <message>
        <source>cannot read {file}: it is a folder</source>
        <translation>não foi possível ler {file}: é uma pasta</translation>
    </message>
    <message>
        <source>cannot read {file}: it is far longer than any message can be</source>
        <translation>não foi possível ler {file}: é muito mais longo do que qualquer mensagem pode ser</translation>
    </message>
    <message>
        <source>cannot read {file}: no such file</source>
        <translation>não foi possível ler {file}: o arquivo não existe</translation>
    </message>
    <message>
        <source>cannot read {file}: permission denied</source>
        <translation>não foi possível ler {file}: permissão negada</translation>
    </message>
    <message>
        <source>cannot read {file}: it is not UTF-8 text</source>
        <translation>não foi possível ler {file}: não é texto UTF-8</translation>
    </message>
    <message>
        <source>would send at {local} {zone} = {utc}</source>
        <translation>enviaria em {local} {zone} = {utc}</translation>
    </message>
    <message>
        <source>If the inbox is closed then, it goes out when the inbox opens.</source>
        <translation>Se a caixa de entrada estiver fechada nesse horário, ela sai quando a caixa abrir.</translation>
    </message>
    <message>
        <source>the same text already waits in conversation {conversation} as #{id} ({when}); add --again to schedule another copy</source>
        <translation>o mesmo texto já está à espera na conversa {conversation} como #{id} ({when}); use --again para agendar outra cópia</translation>
    </message>
    <message>
        <source>the customer&apos;s IANA time zone, kept for this contact from then on</source>
        <translation>o fuso horário IANA do cliente, guardado para este contato daí em diante</translation>
    </message>
    <message>
        <source>give it with --customer-zone ZONE (kept for this contact), e.g. --customer-zone America/Sao_Paulo</source>
        <translation>informe-o com --customer-zone FUSO (guardado para este contato), p. ex. --customer-zone America/Sao_Paulo</translation>
    </message>
    <message>
        <source>the inbox&apos;s hours come from the server: leave out --dry-run</source>
        <translation>o horário da caixa de entrada vem do servidor: retire o --dry-run</translation>
    </message>
    <message>
        <source>warning: the customer&apos;s time zone is kept here but could not be written to the contact in Chatwoot: {reason}</source>
        <translation>aviso: o fuso horário do cliente fica guardado aqui, mas não pôde ser gravado no contato no Chatwoot: {reason}</translation>
    </message>
    <message>
        <source>the conversation&apos;s inbox is not among yours: its hours are unknown</source>
        <translation>a caixa de entrada da conversa não está entre as suas: o horário dela é desconhecido</translation>
    </message>
    <message>
        <source>{time} {zone} for you</source>
        <translation>{time} {zone} para você</translation>
    </message>
    <message>
        <source>the customer&apos;s zone: {how}</source>
        <translation>fuso do cliente: {how}</translation>
    </message>
    <message>
        <source>{time} {zone} for the customer ({how})</source>
        <translation>{time} {zone} para o cliente ({how})</translation>
    </message>
    <message>
        <source>warning: {warning}</source>
        <translation>aviso: {warning}</translation>
    </message>
    <message>
        <source>note: the next time that suits both: {time} {zone} = {utc}</source>
        <translation>nota: o próximo horário bom para os dois: {time} {zone} = {utc}</translation>
    </message>
    <message>
        <source>note: the server could not be asked whether it schedules messages itself: this one stays in this computer&apos;s outbox even if it does</source>
        <translation>nota: não foi possível perguntar ao servidor se ele mesmo agenda mensagens: esta fica na caixa de saída deste computador mesmo que ele agende</translation>
    </message>
    <message>
        <source>note: it is kept in this computer&apos;s outbox and goes out only while Agent Desktop&apos;s window or &apos;agent-desktop run&apos; is running at its time</source>
        <translation>nota: ela fica na caixa de saída deste computador e só sai se a janela do Agent Desktop ou o &apos;agent-desktop run&apos; estiver rodando na hora</translation>
    </message>
    <message>
        <source>note: where it waits, a reply from the customer does not hold it: it goes out at its time</source>
        <translation>observação: onde ela aguarda, uma resposta do cliente não a segura: ela sai no horário</translation>
    </message>
    <message>
        <source>note: the server has not shown yet that it holds a message when the customer replies (older versions of it do not): this one may go out anyway</source>
        <translation>nota: o servidor ainda não mostrou que segura uma mensagem quando o cliente responde (versões antigas dele não seguram): esta pode sair mesmo assim</translation>
    </message>
    <message>
        <source>Scheduled #{id} for {local} ({utc}) in conversation {conversation}, kept by {backend}.</source>
        <translation>Agendada #{id} para {local} ({utc}) na conversa {conversation}, guardada por {backend}.</translation>
    </message>
    <message>
        <source>January</source>
        <translation>janeiro</translation>
    </message>
    <message>
        <source>February</source>
        <translation>fevereiro</translation>
    </message>
    <message>
        <source>March</source>
        <translation>março</translation>
    </message>
    <message>
        <source>April</source>
        <translation>abril</translation>
    </message>
    <message>
        <source>May</source>
        <translation>maio</translation>
    </message>
    <message>
        <source>June</source>
        <translation>junho</translation>
    </message>
    <message>
        <source>July</source>
        <translation>julho</translation>
    </message>
    <message>
        <source>August</source>
        <translation>agosto</translation>
    </message>
    <message>
        <source>September</source>
        <translation>setembro</translation>
    </message>
    <message>
        <source>October</source>
        <translation>outubro</translation>
    </message>
    <message>
        <source>November</source>
        <translation>novembro</translation>
    </message>
    <message>
        <source>December</source>
        <translation>dezembro</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>segunda-feira</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>terça-feira</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>quarta-feira</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>quinta-feira</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>sexta-feira</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>domingo</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>seg</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>ter</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>qua</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>qui</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>sex</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dom</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>jan</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>fev</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>abr</translation>
    </message>
    <message>
        <source>May</source>
        <comment>month abbreviation</comment>
        <translation>mai</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>jun</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>jul</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>ago</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>set</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>out</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>nov</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>dez</translation>
    </message>
    <message>
        <source>{weekday}, {day} {month} {year}</source>
        <translation>{weekday}, {day} de {month} de {year}</translation>
    </message>
    <message>
        <source>{day} {month} {year}</source>
        <comment>short date</comment>
        <translation>{day} de {month} de {year}</translation>
    </message>
    <message>
        <source>{day} {month}</source>
        <comment>short date</comment>
        <translation>{day} de {month}</translation>
    </message>
    <message>
        <source>{weekday} {day} {month} {time}</source>
        <translation>{weekday} {day} de {month} {time}</translation>
    </message>
    <message>
        <source>now</source>
        <translation>agora</translation>
    </message>
    <message numerus="yes">
        <source>in %n d</source>
        <translation>
            <numerusform>em %n dia</numerusform>
            <numerusform>em %n dias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n h</source>
        <translation>
            <numerusform>em %n h</numerusform>
            <numerusform>em %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n min</source>
        <translation>
            <numerusform>em %n min</numerusform>
            <numerusform>em %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n s</source>
        <translation>
            <numerusform>em %n s</numerusform>
            <numerusform>em %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>há %n dia</numerusform>
            <numerusform>há %n dias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>há %n h</numerusform>
            <numerusform>há %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>há %n min</numerusform>
            <numerusform>há %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>há %n s</numerusform>
            <numerusform>há %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>the message is empty</source>
        <translation>a mensagem está vazia</translation>
    </message>
    <message>
        <source>the message has {length} characters; the limit is {limit}</source>
        <translation>a mensagem tem {length} caracteres; o limite é {limit}</translation>
    </message>
    <message>
        <source>that time has already passed</source>
        <translation>esse horário já passou</translation>
    </message>
    <message numerus="yes">
        <source>the time must be at least %n minute(s) from now</source>
        <translation>
            <numerusform>o horário deve estar a pelo menos %n minuto de agora</numerusform>
            <numerusform>o horário deve estar a pelo menos %n minutos de agora</numerusform>
        </translation>
    </message>
    <message>
        <source>the time must be at most one year from now</source>
        <translation>o horário deve estar a no máximo um ano de agora</translation>
    </message>
    <message>
        <source>{channel} takes at most {limit} characters; the message has {length}</source>
        <translation>{channel} aceita no máximo {limit} caracteres; a mensagem tem {length}</translation>
    </message>
    <message>
        <source>the minimum lead time must be between 0 and {max} minutes</source>
        <translation>a antecedência mínima deve estar entre 0 e {max} minutos</translation>
    </message>
    <message>
        <source>unknown time zone {name}: use an IANA name such as America/Sao_Paulo</source>
        <translation>fuso horário desconhecido {name}: use um nome IANA como America/Sao_Paulo</translation>
    </message>
    <message>
        <source>cannot read {text} as a local time: use YYYY-MM-DD HH:MM[:SS]</source>
        <translation>não foi possível ler {text} como horário local: use AAAA-MM-DD HH:MM[:SS]</translation>
    </message>
    <message>
        <source>{text} has no time of day: use YYYY-MM-DD HH:MM[:SS]</source>
        <translation>{text} não tem hora: use AAAA-MM-DD HH:MM[:SS]</translation>
    </message>
    <message>
        <source>{text} carries an offset: give the local time alone and the zone separately</source>
        <translation>{text} traz um deslocamento: informe só o horário local e o fuso à parte</translation>
    </message>
    <message>
        <source>{time} does not exist in {zone}: clocks jump from {start} to {end} that day; nearest valid times: {before} or {after}</source>
        <translation>{time} não existe em {zone}: nesse dia o relógio pula de {start} para {end}; horários válidos mais próximos: {before} ou {after}</translation>
    </message>
    <message>
        <source>{reason}. The token is kept for this session only.</source>
        <translation>{reason}. O token fica guardado só nesta sessão.</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>O banco de dados está danificado</translation>
    </message>
    <message numerus="yes">
        <source>The damaged file will be kept aside, not deleted. Restore the backup from {when} (%n scheduled message(s))? Scheduled messages added since then are not in it.</source>
        <translation>
            <numerusform>O arquivo danificado será guardado à parte, não apagado. Restaurar a cópia de segurança de {when} (%n mensagem agendada)? As mensagens agendadas depois disso não estão nela.</numerusform>
            <numerusform>O arquivo danificado será guardado à parte, não apagado. Restaurar a cópia de segurança de {when} (%n mensagens agendadas)? As mensagens agendadas depois disso não estão nela.</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Restaurar backup</translation>
    </message>
    <message>
        <source>There is no backup. The damaged file can be kept aside and the app started with an empty database.</source>
        <translation>Não há backup. O arquivo danificado pode ser guardado à parte e o app aberto com um banco de dados vazio.</translation>
    </message>
    <message>
        <source>Keep it aside and start empty</source>
        <translation>Guardar à parte e começar vazio</translation>
    </message>
    <message>
        <source>Agent Desktop could not start again.</source>
        <translation>O Agent Desktop não conseguiu iniciar de novo.</translation>
    </message>
    <message>
        <source>Could not sign out: {reason}</source>
        <translation>Não foi possível desconectar: {reason}</translation>
    </message>
    <message>
        <source>Agent Desktop is already running: its window was brought forward.</source>
        <translation>O Agent Desktop já está aberto: a janela dele foi trazida para a frente.</translation>
    </message>
    <message>
        <source>Agent Desktop cannot start</source>
        <translation>O Agent Desktop não pode iniciar</translation>
    </message>
    <message>
        <source>account {id} on {server}</source>
        <translation>conta {id} em {server}</translation>
    </message>
    <message>
        <source>Switch account</source>
        <translation>Trocar de conta</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>Adicionar conta…</translation>
    </message>
    <message>
        <source>Sign-in lost in {account}</source>
        <translation>Sessão perdida em {account}</translation>
    </message>
    <message>
        <source>Its scheduled messages wait until you sign in again ({reason}).</source>
        <translation>As mensagens agendadas dela esperam até você entrar de novo ({reason}).</translation>
    </message>
    <message>
        <source>A scheduled message failed in {account}</source>
        <translation>Uma mensagem agendada falhou em {account}</translation>
    </message>
    <message>
        <source>A scheduled message was missed in {account}</source>
        <translation>Uma mensagem agendada perdeu o horário em {account}</translation>
    </message>
    <message>
        <source>A scheduled message is on hold in {account}</source>
        <translation>Uma mensagem agendada está retida em {account}</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>action</comment>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>{account}: new message from {customer}</source>
        <translation>{account}: nova mensagem de {customer}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abertas</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendentes</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Adiadas</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolvidas</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Minhas</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Não atribuídas</translation>
    </message>
    <message>
        <source>Conversation status</source>
        <translation>Situação da conversa</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Atribuída a</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Caixa de entrada</translation>
    </message>
    <message>
        <source>All inboxes</source>
        <translation>Todas as caixas de entrada</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>Todas as etiquetas</translation>
    </message>
    <message>
        <source>Search conversations (Ctrl+F)</source>
        <translation>Buscar conversas (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Buscar conversas</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversas</translation>
    </message>
    <message>
        <source>Mine {mine} · Unassigned {unassigned} · All {all}</source>
        <translation>Minhas {mine} · Não atribuídas {unassigned} · Todas {all}</translation>
    </message>
    <message>
        <source>No conversation</source>
        <translation>Nenhuma conversa</translation>
    </message>
    <message>
        <source>Typing</source>
        <translation>Digitando</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Atribuir a mim</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Adiar</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Por 1 hora</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Até amanhã</translation>
    </message>
    <message>
        <source>For a week</source>
        <translation>Por uma semana</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>Loading messages…</source>
        <translation>Carregando mensagens…</translation>
    </message>
    <message>
        <source>{name} is typing…</source>
        <translation>{name} está digitando…</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>não atribuída</translation>
    </message>
    <message>
        <source>assigned to {name}</source>
        <translation>atribuída a {name}</translation>
    </message>
    <message>
        <source>team {name}</source>
        <translation>equipe {name}</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>The messages could not be loaded; trying again shortly</source>
        <translation>Não foi possível carregar as mensagens; tentando de novo em instantes</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>Nenhuma mensagem ainda</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>Não enviada: {reason}</translation>
    </message>
    <message>
        <source>Scheduled for {when}</source>
        <translation>Agendada para {when}</translation>
    </message>
    <message>
        <source>Not scheduled: {reason}</source>
        <translation>Não agendada: {reason}</translation>
    </message>
    <message>
        <source>Edit scheduled message</source>
        <translation>Editar mensagem agendada</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Conversation {title}</source>
        <translation>Conversa {title}</translation>
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
    <message>
        <source>Scheduled</source>
        <translation>Agendadas</translation>
    </message>
    <message>
        <source>Conversations as last seen, {when}; updating…</source>
        <translation>Conversas como vistas por último, {when}; atualizando…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Conversa</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Resposta</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>Entrar de novo…</translation>
    </message>
    <message>
        <source>Sign out…</source>
        <translation>Desconectar…</translation>
    </message>
    <message>
        <source>About Agent Desktop</source>
        <translation>Sobre o Agent Desktop</translation>
    </message>
    <message>
        <source>No system tray here: notices about scheduled messages will appear in this window.</source>
        <translation>Não há bandeja do sistema aqui: os avisos sobre mensagens agendadas vão aparecer nesta janela.</translation>
    </message>
    <message>
        <source>Scheduling is switched off in Settings</source>
        <translation>O agendamento está desligado nas Configurações</translation>
    </message>
    <message>
        <source>(an attachment)</source>
        <translation>(um anexo)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>A scheduled message failed</source>
        <translation>Uma mensagem agendada falhou</translation>
    </message>
    <message>
        <source>A scheduled message was missed</source>
        <translation>Uma mensagem agendada perdeu o horário</translation>
    </message>
    <message>
        <source>A scheduled message is on hold</source>
        <translation>Uma mensagem agendada está retida</translation>
    </message>
    <message>
        <source>A scheduled message waits on the server</source>
        <translation>Uma mensagem agendada está parada no servidor</translation>
    </message>
    <message>
        <source>A scheduled message was cancelled on the server</source>
        <translation>Uma mensagem agendada foi cancelada no servidor</translation>
    </message>
    <message>
        <source>Scheduled message #{id} sent</source>
        <translation>Mensagem agendada #{id} enviada</translation>
    </message>
    <message>
        <source>Signed in again: sending resumed.</source>
        <translation>Conectado de novo: o envio foi retomado.</translation>
    </message>
    <message>
        <source>Sending stopped: {why}. Restart Agent Desktop.</source>
        <translation>O envio parou: {why}. Reinicie o Agent Desktop.</translation>
    </message>
    <message>
        <source>Sending stopped</source>
        <translation>O envio parou</translation>
    </message>
    <message>
        <source>Sign-in lost: scheduled messages wait until you sign in again.</source>
        <translation>A sessão caiu: as mensagens agendadas esperam até você entrar de novo.</translation>
    </message>
    <message>
        <source>Sign-in lost</source>
        <translation>Sessão perdida</translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled message(s) wait in this app&apos;s outbox, and sending is paused: nothing goes out until sending is resumed.</source>
        <translation>
            <numerusform>%n mensagem agendada espera na caixa de saída deste app, e o envio está pausado: nada sai até o envio ser retomado.</numerusform>
            <numerusform>%n mensagens agendadas esperam na caixa de saída deste app, e o envio está pausado: nada sai até o envio ser retomado.</numerusform>
        </translation>
    </message>
    <message>
        <source>The token comes from {name}, which comes before any other: change it there.</source>
        <translation>O token vem de {name}, que vale antes de qualquer outro: troque-o lá.</translation>
    </message>
    <message>
        <source>The access token and your drafts are removed from this computer.</source>
        <translation>O token de acesso e os seus rascunhos são removidos deste computador.</translation>
    </message>
    <message>
        <source>Signed in again.</source>
        <translation>Conectado de novo.</translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled message(s) in this app&apos;s outbox will not be sent until you sign in again.</source>
        <translation>
            <numerusform>%n mensagem agendada na caixa de saída deste app não será enviada até você entrar de novo.</numerusform>
            <numerusform>%n mensagens agendadas na caixa de saída deste app não serão enviadas até você entrar de novo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign out of {server}?</source>
        <translation>Desconectar de {server}?</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>Adicionar uma conta</translation>
    </message>
    <message>
        <source>Signed in to {account}.</source>
        <translation>Conectado a {account}.</translation>
    </message>
    <message>
        <source>Your drafts in {account} are removed from this computer.</source>
        <translation>Os seus rascunhos em {account} são removidos deste computador.</translation>
    </message>
    <message>
        <source>The access token stays: your other accounts on {server} use it too.</source>
        <translation>O token de acesso fica: as suas outras contas em {server} também o usam.</translation>
    </message>
    <message>
        <source>Its access token is removed from this computer.</source>
        <translation>O token de acesso dela é removido deste computador.</translation>
    </message>
    <message>
        <source>Sign out of {account}?</source>
        <translation>Desconectar de {account}?</translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled message(s) of this account will still be sent at their time.</source>
        <translation>
            <numerusform>%n mensagem agendada desta conta ainda será enviada no horário.</numerusform>
            <numerusform>%n mensagens agendadas desta conta ainda serão enviadas no horário.</numerusform>
        </translation>
    </message>
    <message>
        <source>Then {account} is shown.</source>
        <translation>Depois, {account} é mostrada.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Desconectar</translation>
    </message>
    <message>
        <source>Scheduled ({n})</source>
        <translation>Agendadas ({n})</translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n precisa de atenção</numerusform>
            <numerusform>%n precisam de atenção</numerusform>
        </translation>
    </message>
    <message>
        <source>scheduling off</source>
        <translation>agendamento desligado</translation>
    </message>
    <message>
        <source>sending paused</source>
        <translation>envio pausado</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Configurações salvas</translation>
    </message>
    <message>
        <source>the language changes when Agent Desktop restarts</source>
        <translation>o idioma muda quando o Agent Desktop reiniciar</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Reiniciar agora</translation>
    </message>
    <message>
        <source>the language changes the next time Agent Desktop starts</source>
        <translation>o idioma muda na próxima vez que o Agent Desktop abrir</translation>
    </message>
    <message>
        <source>Scheduled replies for Chatwoot agents, delivered once.</source>
        <translation>Respostas agendadas para agentes do Chatwoot, entregues uma única vez.</translation>
    </message>
    <message>
        <source>Still running in the tray, sending scheduled messages.</source>
        <translation>Continua aberto na bandeja, enviando as mensagens agendadas.</translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled message(s) will still go out at their time, sent in the background while this computer is on.</source>
        <translation>
            <numerusform>%n mensagem agendada ainda sairá no horário, enviada em segundo plano enquanto este computador estiver ligado.</numerusform>
            <numerusform>%n mensagens agendadas ainda sairão no horário, enviadas em segundo plano enquanto este computador estiver ligado.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit Agent Desktop?</source>
        <translation>Sair do Agent Desktop?</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dispensar</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Resposta</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Nota privada</translation>
    </message>
    <message>
        <source>Write a private note… only your team sees it; @ to mention (Ctrl+Enter to add)</source>
        <translation>Escreva uma nota privada… só a sua equipe vê; @ para mencionar (Ctrl+Enter para adicionar)</translation>
    </message>
    <message>
        <source>Write a reply… (Ctrl+Enter to send)</source>
        <translation>Escreva uma resposta… (Ctrl+Enter para enviar)</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Anexar…</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Agendar</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>{channel} takes at most {limit} characters</source>
        <translation>{channel} aceita no máximo {limit} caracteres</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Anexar arquivos</translation>
    </message>
    <message>
        <source>Pasted picture {when}</source>
        <translation>Imagem colada {when}</translation>
    </message>
    <message>
        <source>A private note is added now, never scheduled</source>
        <translation>Uma nota privada é adicionada na hora, nunca agendada</translation>
    </message>
    <message>
        <source>Schedule for {when}</source>
        <translation>Agendar para {when}</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Enter</source>
        <translation>Ctrl+Shift+Enter</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Adicionar nota</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Enviar agora</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>In 1 hour</source>
        <translation>Em 1 hora</translation>
    </message>
    <message>
        <source>Tomorrow 9:00</source>
        <translation>Amanhã 9:00</translation>
    </message>
    <message>
        <source>Next Monday 9:00</source>
        <translation>Próxima segunda 9:00</translation>
    </message>
    <message>
        <source>today</source>
        <comment>--at</comment>
        <translation>hoje</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <comment>--at</comment>
        <translation>amanhã</translation>
    </message>
    <message>
        <source>cannot read {text} as a time: use YYYY-MM-DD HH:MM[:SS], +1h, +90m, tomorrow 09:00 or monday 09:00</source>
        <translation>não foi possível ler {text} como horário: use AAAA-MM-DD HH:MM[:SS], +1h, +90m, amanhã 09:00 ou segunda-feira 09:00</translation>
    </message>
    <message>
        <source>Their morning (9:00)</source>
        <translation>Manhã do cliente (9:00)</translation>
    </message>
    <message>
        <source>When the inbox opens</source>
        <translation>Quando a caixa de entrada abrir</translation>
    </message>
    <message>
        <source>the inbox is closed every day: it never opens</source>
        <translation>a caixa de entrada fica fechada todos os dias: nunca abre</translation>
    </message>
    <message>
        <source>the inbox keeps no business hours: it is always open</source>
        <translation>a caixa de entrada não tem horário de atendimento: está sempre aberta</translation>
    </message>
    <message>
        <source>Send at:</source>
        <translation>Enviar em:</translation>
    </message>
    <message>
        <source>Send date and time</source>
        <translation>Data e hora do envio</translation>
    </message>
    <message>
        <source>Times are in this computer&apos;s time zone</source>
        <translation>Os horários estão no fuso horário deste computador</translation>
    </message>
    <message>
        <source>This hour happens twice:</source>
        <translation>Este horário acontece duas vezes:</translation>
    </message>
    <message>
        <source>Scheduling problem</source>
        <translation>Problema no agendamento</translation>
    </message>
    <message>
        <source>Hold if the customer replies</source>
        <translation>Reter se o cliente responder</translation>
    </message>
    <message>
        <source>The server keeps this message and has not shown that it holds one when the customer replies (older versions of it do not): it may go out anyway</source>
        <translation>O servidor guarda esta mensagem e ainda não mostrou que a segura quando o cliente responde (versões antigas não seguram): ela pode sair mesmo assim</translation>
    </message>
    <message>
        <source>If the customer writes after you schedule this, it waits for you instead of going out</source>
        <translation>Se o cliente escrever depois que você agendar, a mensagem espera por você em vez de sair</translation>
    </message>
    <message>
        <source>Hold if the customer replies (if the server does)</source>
        <translation>Segurar se o cliente responder (se o servidor fizer isso)</translation>
    </message>
    <message>
        <source>The server keeps this message and sends it even if the customer replies</source>
        <translation>O servidor guarda esta mensagem e a envia mesmo que o cliente responda</translation>
    </message>
    <message>
        <source>the first</source>
        <translation>a primeira</translation>
    </message>
    <message>
        <source>the second</source>
        <translation>a segunda</translation>
    </message>
    <message>
        <source>That time does not exist in {zone}: clocks jump from {start} to {end}.</source>
        <translation>Esse horário não existe em {zone}: o relógio pula de {start} para {end}.</translation>
    </message>
    <message>
        <source>For the customer:</source>
        <translation>Para o cliente:</translation>
    </message>
    <message>
        <source>Send time for the customer</source>
        <translation>Horário de envio para o cliente</translation>
    </message>
    <message>
        <source>Scheduling warning</source>
        <translation>Aviso sobre o agendamento</translation>
    </message>
    <message>
        <source>Wait for the inbox to open</source>
        <translation>Esperar a caixa de entrada abrir</translation>
    </message>
    <message>
        <source>Looking up the customer&apos;s time zone…</source>
        <translation>Buscando o fuso horário do cliente…</translation>
    </message>
    <message>
        <source>= {time} for {name}, {zone}</source>
        <translation>= {time} para {name}, {zone}</translation>
    </message>
    <message>
        <source>Use {time}</source>
        <translation>Usar {time}</translation>
    </message>
    <message>
        <source>The next time that suits both the inbox and the customer ({keys})</source>
        <translation>O próximo horário bom para a caixa de entrada e para o cliente ({keys})</translation>
    </message>
    <message>
        <source>Looking up the inbox&apos;s business hours…</source>
        <translation>Buscando o horário de atendimento da caixa de entrada…</translation>
    </message>
    <message>
        <source>If the inbox is closed at this time, the message goes out when it next opens</source>
        <translation>Se a caixa de entrada estiver fechada nesse horário, a mensagem sai quando ela abrir</translation>
    </message>
    <message>
        <source>The customer&apos;s time zone is not known: set it with “Set…” in the header</source>
        <translation>O fuso horário do cliente não é conhecido: defina-o com “Definir…” no cabeçalho</translation>
    </message>
    <message>
        <source>Sets {time} ({keys})</source>
        <translation>Define {time} ({keys})</translation>
    </message>
    <message>
        <source>Sends {when} · {zone} · {relative}</source>
        <translation>Envia {when} · {zone} · {relative}</translation>
    </message>
    <message>
        <source>= {utc} UTC</source>
        <translation>= {utc} UTC</translation>
    </message>
    <message>
        <source>Scheduled message changed</source>
        <translation>Mensagem agendada alterada</translation>
    </message>
    <message>
        <source>Sending now</source>
        <translation>Enviando agora</translation>
    </message>
    <message>
        <source>Trying again</source>
        <translation>Tentando de novo</translation>
    </message>
    <message>
        <source>Scheduled message restored</source>
        <translation>Mensagem agendada restaurada</translation>
    </message>
    <message>
        <source>Cancel undone</source>
        <translation>Cancelamento desfeito</translation>
    </message>
    <message>
        <source>Scheduled message cancelled</source>
        <translation>Mensagem agendada cancelada</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Em</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversa</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Tentativas</translation>
    </message>
    <message>
        <source>opens {when}</source>
        <translation>abre {when}</translation>
    </message>
    <message>
        <source>Waits for the inbox to open: goes out at {when}</source>
        <translation>Espera a caixa de entrada abrir: sai em {when}</translation>
    </message>
    <message>
        <source>Waits for the inbox to open: closed at this time, it should go out at {when} (its hours are checked again then)</source>
        <translation>Espera a caixa de entrada abrir: fechada nesse horário, deve sair em {when} (o horário dela é verificado de novo então)</translation>
    </message>
    <message>
        <source>Waits for the inbox to open, if it is closed at this time</source>
        <translation>Espera a caixa de entrada abrir, se ela estiver fechada nesse horário</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Retidas</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Perdidas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviadas</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Canceladas</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Rascunhos</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Show scheduled messages</source>
        <translation>Mostrar mensagens agendadas</translation>
    </message>
    <message>
        <source>Any conversation</source>
        <translation>Qualquer conversa</translation>
    </message>
    <message>
        <source>Search scheduled messages</source>
        <translation>Buscar mensagens agendadas</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Buscar no texto</translation>
    </message>
    <message>
        <source>Select a scheduled message</source>
        <translation>Selecione uma mensagem agendada</translation>
    </message>
    <message>
        <source>No attempts yet</source>
        <translation>Nenhuma tentativa ainda</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Precisam de atenção</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Tentar de novo</translation>
    </message>
    <message>
        <source>Open conversation</source>
        <translation>Abrir conversa</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentativas</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>conversation {id}</source>
        <translation>conversa {id}</translation>
    </message>
    <message>
        <source>Attachment: {name}</source>
        <translation>Anexo: {name}</translation>
    </message>
    <message>
        <source>Detect per account</source>
        <translation>Detectar por conta</translation>
    </message>
    <message>
        <source>This app&apos;s outbox</source>
        <translation>A caixa de saída deste app</translation>
    </message>
    <message>
        <source>scheduled message #{id} may have gone out already, and the server could not be asked ({reason}): try again in a moment</source>
        <translation>a mensagem agendada #{id} pode já ter saído, e não foi possível perguntar ao servidor ({reason}): tente de novo em instantes</translation>
    </message>
    <message>
        <source>scheduled message #{id} had gone out already (message {message}): it can no longer be changed</source>
        <translation>a mensagem agendada #{id} já tinha saído (mensagem {message}): não pode mais ser alterada</translation>
    </message>
    <message>
        <source>The server (scheduled_messages)</source>
        <translation>O servidor (scheduled_messages)</translation>
    </message>
    <message>
        <source>The server (scheduled_at)</source>
        <translation>O servidor (scheduled_at)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter adds a line</source>
        <translation>Ctrl+Enter envia, Enter quebra a linha</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter adds a line</source>
        <translation>Enter envia, Shift+Enter quebra a linha</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>A message that came due while the app was closed is still sent if it is less late than this; otherwise it waits for you as missed</source>
        <translation>Uma mensagem que venceu com o app fechado ainda é enviada se o atraso for menor que este; senão, ela espera por você como perdida</translation>
    </message>
    <message>
        <source>Notify me of failed, missed and held messages</source>
        <translation>Avisar sobre mensagens com falha, perdidas e retidas</translation>
    </message>
    <message>
        <source>Notify me of new messages in my conversations while I am elsewhere</source>
        <translation>Avisar-me de novas mensagens nas minhas conversas quando eu estiver em outra janela</translation>
    </message>
    <message>
        <source>Scheduling is on</source>
        <translation>Agendamento ligado</translation>
    </message>
    <message>
        <source>Turning it off keeps every scheduled message; turning it back on resumes them</source>
        <translation>Desligar mantém todas as mensagens agendadas; ligar de novo as retoma</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Padrão do sistema</translation>
    </message>
    <message>
        <source>Applies when Agent Desktop starts again</source>
        <translation>Vale quando o Agent Desktop iniciar de novo</translation>
    </message>
    <message>
        <source>Start hidden in the tray when I log in</source>
        <translation>Iniciar oculto na bandeja quando eu entrar no sistema</translation>
    </message>
    <message>
        <source>Send key</source>
        <translation>Tecla de envio</translation>
    </message>
    <message>
        <source>Schedule at least</source>
        <translation>Agendar com pelo menos</translation>
    </message>
    <message>
        <source>Grace period</source>
        <translation>Tolerância</translation>
    </message>
    <message>
        <source>Scheduled messages wait in</source>
        <translation>As mensagens agendadas esperam em</translation>
    </message>
    <message>
        <source>Write the customer&apos;s time zone to the contact in Chatwoot</source>
        <translation>Gravar o fuso horário do cliente no contato no Chatwoot</translation>
    </message>
    <message>
        <source>A time zone you set for a customer is also kept on their contact, as the custom attribute timezone, for your colleagues and their tools to see</source>
        <translation>O fuso horário que você definir para um cliente fica guardado também no contato dele, como o atributo personalizado timezone, para seus colegas e as ferramentas deles verem</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Send time: in 1 hour</source>
        <translation>Horário de envio: em 1 hora</translation>
    </message>
    <message>
        <source>Send time: tomorrow 9:00</source>
        <translation>Horário de envio: amanhã às 9:00</translation>
    </message>
    <message>
        <source>Send time: next Monday 9:00</source>
        <translation>Horário de envio: próxima segunda às 9:00</translation>
    </message>
    <message>
        <source>Send time: the customer&apos;s morning (9:00)</source>
        <translation>Horário de envio: manhã do cliente (9:00)</translation>
    </message>
    <message>
        <source>Send time: when the inbox opens</source>
        <translation>Horário de envio: quando a caixa de entrada abrir</translation>
    </message>
    <message>
        <source>Send time: the next that suits the inbox and the customer</source>
        <translation>Horário de envio: o próximo bom para a caixa de entrada e para o cliente</translation>
    </message>
    <message>
        <source>Close the scheduler</source>
        <translation>Fechar o agendador</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Próxima conversa</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Conversa anterior</translation>
    </message>
    <message>
        <source>Resolve or reopen</source>
        <translation>Resolver ou reabrir</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>Marcar como não lida</translation>
    </message>
    <message>
        <source>Edit the selected message</source>
        <translation>Editar a mensagem selecionada</translation>
    </message>
    <message>
        <source>Cancel the selected message</source>
        <translation>Cancelar a mensagem selecionada</translation>
    </message>
    <message>
        <source>Scheduled messages</source>
        <translation>Mensagens agendadas</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Exibir</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>Detalhes do contato</translation>
    </message>
    <message>
        <source>Notifications…</source>
        <translation>Notificações…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ajuda</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Configurações…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Onde</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Your access token is in Chatwoot: click your avatar, open &lt;b&gt;Profile settings&lt;/b&gt;, and copy the &lt;b&gt;Access Token&lt;/b&gt; at the bottom of the page.</source>
        <translation>Seu token de acesso está no Chatwoot: clique no seu avatar, abra &lt;b&gt;Configurações do perfil&lt;/b&gt; e copie o &lt;b&gt;Token de acesso&lt;/b&gt; no fim da página.</translation>
    </message>
    <message>
        <source>Sign in to Chatwoot</source>
        <translation>Entrar no Chatwoot</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Token de acesso</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>Keep the token for this session only</source>
        <translation>Manter o token só nesta sessão</translation>
    </message>
    <message>
        <source>No system keyring is available on this computer</source>
        <translation>Não há chaveiro do sistema neste computador</translation>
    </message>
    <message>
        <source>No system keyring is available: the token can be kept for this session only, and you will sign in again next time.</source>
        <translation>Não há chaveiro do sistema: o token pode ser mantido só nesta sessão, e você vai entrar de novo da próxima vez.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Conta</translation>
    </message>
    <message>
        <source>Paste your access token first.</source>
        <translation>Cole primeiro o seu token de acesso.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Verificando…</translation>
    </message>
    <message>
        <source>Could not sign in: {reason}</source>
        <translation>Não foi possível entrar: {reason}</translation>
    </message>
    <message>
        <source>Signed in as {name}.</source>
        <translation>Conectado como {name}.</translation>
    </message>
    <message>
        <source>This user has no account on the server.</source>
        <translation>Este usuário não tem conta no servidor.</translation>
    </message>
    <message>
        <source>Choose a conversation</source>
        <translation>Escolha uma conversa</translation>
    </message>
    <message numerus="yes">
        <source>and %n more in the Scheduled tab</source>
        <translation>
            <numerusform>e mais %n na aba Agendadas</numerusform>
            <numerusform>e mais %n na aba Agendadas</numerusform>
        </translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Esta mensagem foi apagada</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <comment>a message the channel did not deliver</comment>
        <translation>Não entregue</translation>
    </message>
    <message>
        <source>Sending</source>
        <comment>a message on its way to the channel</comment>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Sent</source>
        <comment>a message the channel took</comment>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Delivered</source>
        <comment>a message that reached the customer</comment>
        <translation>Entregue</translation>
    </message>
    <message>
        <source>Read</source>
        <comment>a message the customer has seen</comment>
        <translation>Lida</translation>
    </message>
    <message>
        <source>The channel gave no reason</source>
        <translation>O canal não informou o motivo</translation>
    </message>
    <message>
        <source>Show less</source>
        <translation>Mostrar menos</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>Mostrar mais</translation>
    </message>
    <message>
        <source>picture</source>
        <translation>imagem</translation>
    </message>
    <message>
        <source>loading the preview…</source>
        <translation>carregando a prévia…</translation>
    </message>
    <message>
        <source>too large to preview</source>
        <translation>grande demais para a prévia</translation>
    </message>
    <message>
        <source>no preview: {reason}</source>
        <translation>sem prévia: {reason}</translation>
    </message>
    <message>
        <source>Attachment:</source>
        <translation>Anexo:</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Sends</source>
        <comment>before the time a scheduled message goes out</comment>
        <translation>Envia</translation>
    </message>
    <message>
        <source>Open Agent Desktop</source>
        <translation>Abrir o Agent Desktop</translation>
    </message>
    <message>
        <source>No messages pending</source>
        <translation>Nenhuma mensagem pendente</translation>
    </message>
    <message>
        <source>Pause sending</source>
        <translation>Pausar envios</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) pending</source>
        <translation>
            <numerusform>%n mensagem pendente</numerusform>
            <numerusform>%n mensagens pendentes</numerusform>
        </translation>
    </message>
    <message>
        <source>pending</source>
        <comment>scheduled message</comment>
        <translation>pendente</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>enviando</translation>
    </message>
    <message>
        <source>sent</source>
        <comment>scheduled message</comment>
        <translation>enviada</translation>
    </message>
    <message>
        <source>failed</source>
        <comment>scheduled message</comment>
        <translation>com falha</translation>
    </message>
    <message>
        <source>held</source>
        <comment>scheduled message</comment>
        <translation>retida</translation>
    </message>
    <message>
        <source>missed</source>
        <comment>scheduled message</comment>
        <translation>perdida</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>scheduled message</comment>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>draft</source>
        <comment>scheduled message</comment>
        <translation>rascunho</translation>
    </message>
    <message>
        <source>open</source>
        <comment>conversation</comment>
        <translation>aberta</translation>
    </message>
    <message>
        <source>pending</source>
        <comment>conversation</comment>
        <translation>pendente</translation>
    </message>
    <message>
        <source>resolved</source>
        <comment>conversation</comment>
        <translation>resolvida</translation>
    </message>
    <message>
        <source>snoozed</source>
        <comment>conversation</comment>
        <translation>adiada</translation>
    </message>
    <message>
        <source>sent</source>
        <comment>attempt</comment>
        <translation>enviada</translation>
    </message>
    <message>
        <source>already delivered</source>
        <comment>attempt</comment>
        <translation>já entregue</translation>
    </message>
    <message>
        <source>held</source>
        <comment>attempt</comment>
        <translation>retida</translation>
    </message>
    <message>
        <source>will retry</source>
        <comment>attempt</comment>
        <translation>nova tentativa depois</translation>
    </message>
    <message>
        <source>may have gone out; checking before retrying</source>
        <comment>attempt</comment>
        <translation>pode ter saído; conferindo antes de tentar de novo</translation>
    </message>
    <message>
        <source>rate limited, will retry</source>
        <comment>attempt</comment>
        <translation>limite de requisições, nova tentativa depois</translation>
    </message>
    <message>
        <source>failed</source>
        <comment>attempt</comment>
        <translation>falhou</translation>
    </message>
    <message>
        <source>paused: sign in again</source>
        <comment>attempt</comment>
        <translation>pausada: entre de novo</translation>
    </message>
    <message>
        <source>the channel did not deliver it</source>
        <comment>attempt</comment>
        <translation>o canal não a entregou</translation>
    </message>
    <message>
        <source>created</source>
        <comment>event</comment>
        <translation>criada</translation>
    </message>
    <message>
        <source>updated</source>
        <comment>event</comment>
        <translation>alterada</translation>
    </message>
    <message>
        <source>sent</source>
        <comment>event</comment>
        <translation>enviada</translation>
    </message>
    <message>
        <source>failed</source>
        <comment>event</comment>
        <translation>falhou</translation>
    </message>
    <message>
        <source>held</source>
        <comment>event</comment>
        <translation>retida</translation>
    </message>
    <message>
        <source>missed</source>
        <comment>event</comment>
        <translation>perdida</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>event</comment>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>retrying</source>
        <comment>event</comment>
        <translation>tentando de novo</translation>
    </message>
    <message>
        <source>paused</source>
        <comment>event</comment>
        <translation>pausado</translation>
    </message>
    <message>
        <source>resumed</source>
        <comment>event</comment>
        <translation>retomado</translation>
    </message>
    <message>
        <source>clock jump</source>
        <comment>event</comment>
        <translation>salto do relógio</translation>
    </message>
    <message>
        <source>stopped</source>
        <comment>event</comment>
        <translation>parado</translation>
    </message>
    <message>
        <source>waiting past its time</source>
        <comment>event</comment>
        <translation>esperando além do horário</translation>
    </message>
    <message>
        <source>clock off</source>
        <comment>event</comment>
        <translation>relógio errado</translation>
    </message>
    <message>
        <source>sent {when}</source>
        <translation>enviada {when}</translation>
    </message>
    <message numerus="yes">
        <source>at most %n attachment(s) here</source>
        <translation>
            <numerusform>no máximo %n anexo aqui</numerusform>
            <numerusform>no máximo %n anexos aqui</numerusform>
        </translation>
    </message>
    <message>
        <source>got {count}</source>
        <translation>recebidos {count}</translation>
    </message>
    <message>
        <source>cannot attach {path}: it is a folder</source>
        <translation>não foi possível anexar {path}: é uma pasta</translation>
    </message>
    <message>
        <source>cannot attach {path}: no such file</source>
        <translation>não foi possível anexar {path}: o arquivo não existe</translation>
    </message>
    <message>
        <source>cannot attach {path}: it cannot be read</source>
        <translation>não foi possível anexar {path}: ele não pode ser lido</translation>
    </message>
    <message>
        <source>cannot attach {path}: it has {size} MB; the limit is {limit} MB</source>
        <translation>não foi possível anexar {path}: tem {size} MB; o limite é {limit} MB</translation>
    </message>
    <message>
        <source>the attachment {name} is missing from {folder}</source>
        <translation>o anexo {name} não está em {folder}</translation>
    </message>
    <message>
        <source>the server has already sent it</source>
        <translation>o servidor já a enviou</translation>
    </message>
    <message>
        <source>the server did not answer, and the change is not there: nothing changed</source>
        <translation>o servidor não respondeu, e a alteração não está lá: nada mudou</translation>
    </message>
    <message>
        <source>the server did not answer: the change is checked again at the next look</source>
        <translation>o servidor não respondeu: a alteração será verificada de novo na próxima consulta</translation>
    </message>
    <message>
        <source>an upstream server would send the message at once</source>
        <translation>um servidor Chatwoot original enviaria a mensagem na hora</translation>
    </message>
    <message>
        <source>it had gone out already, and the server did not answer while the new version was taken off: that is tried again at the next look</source>
        <translation>ela já tinha saído, e o servidor não respondeu enquanto a nova versão era retirada: isso é tentado de novo na próxima verificação</translation>
    </message>
    <message>
        <source>it had gone out already: the change was not made</source>
        <translation>ela já tinha saído: a alteração não foi feita</translation>
    </message>
    <message>
        <source>no longer on the server</source>
        <translation>não está mais no servidor</translation>
    </message>
    <message>
        <source>the server did not answer: the change may not have been made; the message is shown as the server has it at the next look</source>
        <translation>o servidor não respondeu: a alteração pode não ter sido feita; a mensagem aparece como o servidor a tem na próxima consulta</translation>
    </message>
    <message>
        <source>waiting: the conversation is {status}, and the server sends only in open or pending conversations</source>
        <translation>esperando: a conversa está {status}, e o servidor só envia em conversas abertas ou pendentes</translation>
    </message>
    <message>
        <source>deleted on the server</source>
        <translation>apagada no servidor</translation>
    </message>
    <message>
        <source>the server could not send it</source>
        <translation>o servidor não conseguiu enviá-la</translation>
    </message>
    <message>
        <source>could not ask the server whether it offers {backend} ({reason}): nothing was scheduled</source>
        <translation>não foi possível perguntar ao servidor se ele oferece {backend} ({reason}): nada foi agendado</translation>
    </message>
    <message>
        <source>{server} has not shown support for {forced} ({detected} detected); {advice}</source>
        <translation>{server} não mostrou que oferece {forced} ({detected} detectado); {advice}</translation>
    </message>
    <message>
        <source>there is no conversation {id} in this account</source>
        <translation>não há conversa {id} nesta conta</translation>
    </message>
    <message>
        <source>you have no access to conversation {id}: {reason}</source>
        <translation>você não tem acesso à conversa {id}: {reason}</translation>
    </message>
    <message>
        <source>could not check conversation {id} ({reason}): kept all the same</source>
        <translation>não foi possível verificar a conversa {id} ({reason}): guardada mesmo assim</translation>
    </message>
    <message>
        <source>scheduling is turned off in the settings</source>
        <translation>o agendamento está desligado nas configurações</translation>
    </message>
    <message>
        <source>could not ask the server for the inbox&apos;s business hours: {reason}</source>
        <translation>não foi possível perguntar ao servidor o horário de atendimento da caixa de entrada: {reason}</translation>
    </message>
    <message>
        <source>the server has moved on meanwhile: {message}</source>
        <translation>o servidor já seguiu em frente nesse meio-tempo: {message}</translation>
    </message>
    <message>
        <source>another step with the server is still under way for it: it is settled once that ends</source>
        <translation>outra etapa com o servidor ainda está em andamento para ela: é resolvida quando essa terminar</translation>
    </message>
    <message>
        <source>an earlier step with the server finished first: it is now {state}</source>
        <translation>um passo anterior com o servidor terminou antes: agora ela está {state}</translation>
    </message>
    <message>
        <source>the server did not answer ({reason}) and could not be asked whether it has the message: it is kept here, and checked with the server at the next look</source>
        <translation>o servidor não respondeu ({reason}) e não foi possível perguntar se ele tem a mensagem: ela fica guardada aqui e será verificada com o servidor na próxima consulta</translation>
    </message>
    <message>
        <source>the server did not answer in time ({reason}) and does not show the message yet: it may still be taking it, so it is kept here and checked with the server at the next look</source>
        <translation>o servidor não respondeu a tempo ({reason}) e ainda não mostra a mensagem: talvez ainda a esteja recebendo, então ela fica guardada aqui e é conferida com o servidor na próxima consulta</translation>
    </message>
    <message>
        <source>the server did not answer ({reason}), and it does not have the message: nothing was scheduled; try again</source>
        <translation>o servidor não respondeu ({reason}), e ele não tem a mensagem: nada foi agendado; tente de novo</translation>
    </message>
    <message>
        <source>the app stopped</source>
        <translation>o aplicativo parou</translation>
    </message>
    <message>
        <source>the server would not cancel it: {message}</source>
        <translation>o servidor não quis cancelá-la: {message}</translation>
    </message>
    <message>
        <source>the server has already handled it: {message}</source>
        <translation>o servidor já a processou: {message}</translation>
    </message>
    <message>
        <source>the server did not answer: it is still scheduled there for now; it is tried again at the next look</source>
        <translation>o servidor não respondeu: por ora ela continua agendada lá; será tentado de novo na próxima consulta</translation>
    </message>
    <message>
        <source>scheduled message {outbox_id} belongs to another account</source>
        <translation>a mensagem agendada {outbox_id} pertence a outra conta</translation>
    </message>
    <message numerus="yes">
        <source>{name} (taken {when}, %n scheduled message(s))</source>
        <translation>
            <numerusform>{name} (feita {when}, %n mensagem agendada)</numerusform>
            <numerusform>{name} (feita {when}, %n mensagens agendadas)</numerusform>
        </translation>
    </message>
    <message>
        <source> ({kilobytes} KB left)</source>
        <translation> (restam {kilobytes} KB)</translation>
    </message>
    <message>
        <source>disk full: {path} could not be written{left}; free some space and try again (nothing was lost)</source>
        <translation>disco cheio: não foi possível gravar {path}{left}; libere espaço e tente de novo (nada foi perdido)</translation>
    </message>
    <message>
        <source>the database {path} cannot be opened: permission denied</source>
        <translation>o banco de dados {path} não pode ser aberto: permissão negada</translation>
    </message>
    <message>
        <source>the database {path} cannot be read: {reason}</source>
        <translation>não foi possível ler o banco de dados {path}: {reason}</translation>
    </message>
    <message>
        <source>the database {path} was deleted</source>
        <translation>o banco de dados {path} foi apagado</translation>
    </message>
    <message>
        <source>the database {path} was replaced by another file</source>
        <translation>o banco de dados {path} foi substituído por outro arquivo</translation>
    </message>
    <message>
        <source>the backup {path} came out unreadable</source>
        <translation>a cópia de segurança {path} ficou ilegível</translation>
    </message>
    <message>
        <source>the newest good backup is {backup}</source>
        <translation>a cópia de segurança íntegra mais recente é {backup}</translation>
    </message>
    <message>
        <source>no backup of it is sound</source>
        <translation>nenhuma cópia de segurança dele está íntegra</translation>
    </message>
    <message>
        <source>the database {path} {what}, though it held data before; {newest}. Nothing was created in its place</source>
        <translation>o banco de dados {path} {what}, embora antes tivesse dados; {newest}. Nada foi criado no lugar dele</translation>
    </message>
    <message>
        <source>the database {path} is damaged: {result}</source>
        <translation>o banco de dados {path} está danificado: {result}</translation>
    </message>
    <message>
        <source>the database {path} was written by a newer version of Agent Desktop (schema {current}); install that version or newer to open it</source>
        <translation>o banco de dados {path} foi gravado por uma versão mais nova do Agent Desktop (esquema {current}); instale essa versão ou uma mais nova para abri-lo</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>está vazio</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>sumiu</translation>
    </message>
    <message>
        <source>there is no scheduled message {outbox_id}</source>
        <translation>não existe a mensagem agendada {outbox_id}</translation>
    </message>
    <message>
        <source>scheduled message {outbox_id} is {state}; it cannot become {target}</source>
        <translation>a mensagem agendada {outbox_id} está {state}; não pode passar a {target}</translation>
    </message>
    <message>
        <source>scheduled message {outbox_id} changed meanwhile; look again</source>
        <translation>a mensagem agendada {outbox_id} mudou enquanto isso; veja de novo</translation>
    </message>
    <message>
        <source>{key} must be {description}; got {value}</source>
        <translation>{key} deve ser {description}; recebido {value}</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation>um destes: {choices}</translation>
    </message>
    <message>
        <source>a whole number of minutes from 0 to {max}</source>
        <translation>um número inteiro de minutos de 0 a {max}</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true ou false</translation>
    </message>
    <message>
        <source>a whole number from 1 to {max}</source>
        <translation>um número inteiro de 1 a {max}</translation>
    </message>
    <message>
        <source>unknown setting {key}; known: {known}</source>
        <translation>configuração desconhecida {key}; conhecidas: {known}</translation>
    </message>
    <message>
        <source>not signed in to {url}: run &apos;agent-desktop --server {url} login&apos; first</source>
        <translation>sem sessão em {url}: execute antes &apos;agent-desktop --server {url} login&apos;</translation>
    </message>
    <message>
        <source>no server yet: run &apos;agent-desktop --server URL login&apos; first</source>
        <translation>ainda não há servidor: execute antes &apos;agent-desktop --server URL login&apos;</translation>
    </message>
    <message>
        <source>choose an account with --account: {choices}</source>
        <translation>escolha uma conta com --account: {choices}</translation>
    </message>
    <message>
        <source>{email} has no account {account} on {url}; accounts: {choices}</source>
        <translation>{email} não tem a conta {account} em {url}; contas: {choices}</translation>
    </message>
    <message>
        <source>no system keyring is available to store the access token (keyring backend: {backend}); it can be kept for this session only, or set {variable} for scripts</source>
        <translation>não há chaveiro do sistema para guardar o token de acesso (backend do keyring: {backend}); ele pode ser mantido só nesta sessão, ou defina {variable} para scripts</translation>
    </message>
    <message>
        <source>the keyring could not be read: {reason}</source>
        <translation>não foi possível ler o chaveiro: {reason}</translation>
    </message>
    <message>
        <source>the keyring refused to store the token: {reason}</source>
        <translation>o chaveiro recusou guardar o token: {reason}</translation>
    </message>
    <message>
        <source>the keyring could not delete the token: {reason}</source>
        <translation>o chaveiro não conseguiu apagar o token: {reason}</translation>
    </message>
    <message>
        <source>no access token for {user} on {base_url}: sign in again (agent-desktop login), or set AGENT_DESKTOP_TOKEN</source>
        <translation>não há token de acesso para {user} em {base_url}: entre de novo (agent-desktop login) ou defina AGENT_DESKTOP_TOKEN</translation>
    </message>
    <message>
        <source>,</source>
        <comment>thousands separator</comment>
        <translation>.</translation>
    </message>
    <message>
        <source>the customer replied after it was scheduled</source>
        <translation>o cliente respondeu depois do agendamento</translation>
    </message>
    <message>
        <source>customer message {id}</source>
        <translation>mensagem do cliente {id}</translation>
    </message>
    <message>
        <source>the customer replied</source>
        <translation>o cliente respondeu</translation>
    </message>
    <message>
        <source>message {id}</source>
        <translation>mensagem {id}</translation>
    </message>
    <message>
        <source>you no longer have access to this conversation ({reason})</source>
        <translation>você não tem mais acesso a esta conversa ({reason})</translation>
    </message>
    <message>
        <source>sign-in needed: {reason}</source>
        <translation>é preciso entrar de novo: {reason}</translation>
    </message>
    <message>
        <source>{reason}; next try in {seconds} s</source>
        <translation>{reason}; nova tentativa em {seconds} s</translation>
    </message>
    <message>
        <source>due {when} UTC while the app was not running</source>
        <translation>prevista para {when} UTC, com o app fechado</translation>
    </message>
    <message>
        <source>came due while nothing was running</source>
        <translation>venceu enquanto nada estava rodando</translation>
    </message>
    <message>
        <source>the clock moved {seconds} s beyond elapsed time</source>
        <translation>o relógio andou {seconds} s além do tempo decorrido</translation>
    </message>
    <message>
        <source>the server refused the access token</source>
        <translation>o servidor recusou o token de acesso</translation>
    </message>
    <message>
        <source>its server profile no longer exists</source>
        <translation>o perfil de servidor dela não existe mais</translation>
    </message>
    <message>
        <source>{server}: signed in again</source>
        <translation>{server}: conectado de novo</translation>
    </message>
    <message>
        <source>the channel did not deliver it: {reason}</source>
        <translation>o canal não a entregou: {reason}</translation>
    </message>
    <message>
        <source>the channel did not deliver it</source>
        <translation>o canal não a entregou</translation>
    </message>
    <message>
        <source>Draft: {text}</source>
        <translation>Rascunho: {text}</translation>
    </message>
    <message>
        <source>scheduled message {id} is being sent right now</source>
        <translation>a mensagem agendada {id} está sendo enviada agora</translation>
    </message>
    <message>
        <source>scheduled message {id} is not cancelled</source>
        <translation>a mensagem agendada {id} não está cancelada</translation>
    </message>
    <message>
        <source>the time of scheduled message {id} has passed; schedule it again</source>
        <translation>o horário da mensagem agendada {id} já passou; agende-a de novo</translation>
    </message>
    <message>
        <source>scheduled message {id} is {state}, not failed</source>
        <translation>a mensagem agendada {id} está {state}, não com falha</translation>
    </message>
    <message>
        <source>scheduled message {id} is {state} on the server and can no longer be changed</source>
        <translation>a mensagem agendada {id} está {state} no servidor e não pode mais ser alterada</translation>
    </message>
    <message>
        <source>scheduled message {id} is {state}; that can no longer be done</source>
        <translation>a mensagem agendada {id} está {state}; isso não pode mais ser feito</translation>
    </message>
    <message>
        <source>{prog}: error: {message} (see {prog} --help)</source>
        <translation>{prog}: erro: {message} (veja {prog} --help)</translation>
    </message>
    <message>
        <source>{text} is not an id: use a whole number from 1 to {largest}</source>
        <translation>{text} não é um id: use um número inteiro de 1 a {largest}</translation>
    </message>
    <message>
        <source>more than {count} messages came after it in the conversation: whether it went out could not be checked</source>
        <translation>mais de {count} mensagens vieram depois dela na conversa: não foi possível verificar se ela saiu</translation>
    </message>
    <message>
        <source>scheduled messages go by the server&apos;s clock</source>
        <translation>as mensagens agendadas seguem o relógio do servidor</translation>
    </message>
    <message>
        <source>The sender had stopped answering; a new one was started. Nothing is lost.</source>
        <translation>O envio tinha parado de responder; um novo foi iniciado. Nada se perdeu.</translation>
    </message>
    <message>
        <source>account {id}</source>
        <translation>conta {id}</translation>
    </message>
    <message>
        <source>{account} (#{id}) on {server}</source>
        <translation>{account} (#{id}) em {server}</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Ao vivo</translation>
    </message>
    <message>
        <source>Changes arrive as they happen</source>
        <translation>As mudanças chegam na hora</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Opening the live channel; checking for changes meanwhile</source>
        <translation>Abrindo o canal ao vivo; procurando mudanças enquanto isso</translation>
    </message>
    <message>
        <source>Checking every 30 s</source>
        <translation>Verificando a cada 30 s</translation>
    </message>
    <message>
        <source>Live updates are unavailable; the app checks for changes instead</source>
        <translation>Atualizações ao vivo indisponíveis; o app procura mudanças no lugar</translation>
    </message>
    <message>
        <source>you no longer have access to this conversation ({reason}); the server may still send it at its time</source>
        <translation>você não tem mais acesso a esta conversa ({reason}); o servidor ainda pode enviá-la no horário marcado</translation>
    </message>
    <message>
        <source>the backup {backup} could not be put back whole; it is still there</source>
        <translation>não foi possível restaurar o backup {backup} por inteiro; ele continua lá</translation>
    </message>
    <message>
        <source>use another backend</source>
        <translation>use outro backend</translation>
    </message>
    <message>
        <source>the attachment has no address</source>
        <translation>o anexo não tem endereço</translation>
    </message>
    <message>
        <source>the file is not on the Chatwoot server</source>
        <translation>o arquivo não está no servidor do Chatwoot</translation>
    </message>
    <message>
        <source>the server answered {status}</source>
        <translation>o servidor respondeu {status}</translation>
    </message>
    <message>
        <source>the server redirected too many times</source>
        <translation>o servidor redirecionou vezes demais</translation>
    </message>
    <message>
        <source>the file is too large to preview</source>
        <translation>o arquivo é grande demais para a prévia</translation>
    </message>
    <message>
        <source>image: {name}</source>
        <translation>imagem: {name}</translation>
    </message>
    <message>
        <source>set by you</source>
        <translation>definido por você</translation>
    </message>
    <message>
        <source>from the contact&apos;s attribute {name}</source>
        <translation>pelo atributo {name} do contato</translation>
    </message>
    <message>
        <source>from the city {city}</source>
        <translation>pela cidade {city}</translation>
    </message>
    <message>
        <source>from the country {country}</source>
        <translation>pelo país {country}</translation>
    </message>
    <message>
        <source>from the phone number {number}</source>
        <translation>pelo telefone {number}</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>e mais %n</numerusform>
            <numerusform>e mais %n</numerusform>
        </translation>
    </message>
    <message>
        <source>several zones possible: {zones}</source>
        <translation>vários fusos possíveis: {zones}</translation>
    </message>
    <message>
        <source>no zone known: no city, country or phone number that tells it</source>
        <translation>fuso desconhecido: nenhuma cidade, país ou telefone que o indique</translation>
    </message>
    <message>
        <source>the customer&apos;s time zone is not known ({how})</source>
        <translation>o fuso horário do cliente não é conhecido ({how})</translation>
    </message>
    <message>
        <source>outside the inbox&apos;s business hours (it is closed every day)</source>
        <translation>fora do horário de atendimento da caixa de entrada (ela fica fechada todos os dias)</translation>
    </message>
    <message>
        <source>outside the inbox&apos;s business hours (opens {when})</source>
        <translation>fora do horário de atendimento da caixa de entrada (abre {when})</translation>
    </message>
    <message>
        <source>22:00–7:00 for the customer (it is {time} in {zone})</source>
        <translation>22:00–7:00 para o cliente (são {time} em {zone})</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Não</translation>
    </message>
    <message>
        <source>No conversation is open</source>
        <translation>Nenhuma conversa aberta</translation>
    </message>
    <message>
        <source>Contact attributes</source>
        <translation>Atributos do contato</translation>
    </message>
    <message>
        <source>No custom attributes</source>
        <translation>Nenhum atributo personalizado</translation>
    </message>
    <message>
        <source>Conversation attributes</source>
        <translation>Atributos da conversa</translation>
    </message>
    <message>
        <source>No conversation attributes</source>
        <translation>Nenhum atributo da conversa</translation>
    </message>
    <message>
        <source>Previous conversations</source>
        <translation>Conversas anteriores</translation>
    </message>
    <message>
        <source>No previous conversations</source>
        <translation>Nenhuma conversa anterior</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contato</translation>
    </message>
    <message>
        <source>This conversation has no contact</source>
        <translation>Esta conversa não tem contato</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <source>The contact could not be loaded: {reason}</source>
        <translation>Não foi possível carregar o contato: {reason}</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sem nome)</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <source>Identifier</source>
        <translation>Identificador</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>No priority</source>
        <translation>Sem prioridade</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixa</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Prioridade</translation>
    </message>
    <message>
        <source>&amp;Priority: {level}</source>
        <translation>&amp;Prioridade: {level}</translation>
    </message>
    <message>
        <source>&amp;Assign…</source>
        <translation>&amp;Atribuir…</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Atribuir</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>E&amp;tiquetas</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Unassign</source>
        <translation>Remover atribuição</translation>
    </message>
    <message>
        <source>{name} (me)</source>
        <translation>{name} (eu)</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipe</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Sem equipe</translation>
    </message>
    <message>
        <source>This account has no labels</source>
        <translation>Esta conta não tem etiquetas</translation>
    </message>
    <message>
        <source>Not assigned: {reason}</source>
        <translation>Não atribuída: {reason}</translation>
    </message>
    <message>
        <source>The server did not keep the label {label}: the account lacks it</source>
        <translation>O servidor não manteve a etiqueta {label}: a conta não a tem</translation>
    </message>
    <message>
        <source>Labels not changed: {reason}</source>
        <translation>Etiquetas não alteradas: {reason}</translation>
    </message>
    <message>
        <source>Priority not changed: {reason}</source>
        <translation>Prioridade não alterada: {reason}</translation>
    </message>
    <message>
        <source>team</source>
        <translation>equipe</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificações</translation>
    </message>
    <message>
        <source>No notifications yet.</source>
        <translation>Nenhuma notificação ainda.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Notificação</translation>
    </message>
    <message>
        <source>the file is not a picture this app can show</source>
        <translation>o arquivo não é uma imagem que o app consiga mostrar</translation>
    </message>
    <message>
        <source>Signed out of {account}.</source>
        <translation>Desconectado de {account}.</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>o cliente</translation>
    </message>
    <message>
        <source>Customer&apos;s time zone</source>
        <translation>Fuso horário do cliente</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>Use what is inferred</source>
        <translation>Usar o deduzido</translation>
    </message>
    <message>
        <source>Forget the zone you set: it is inferred from the contact again</source>
        <translation>Esquecer o fuso que você definiu: ele volta a ser deduzido do contato</translation>
    </message>
    <message>
        <source>Where is {name}&apos;s clock?</source>
        <translation>Em que fuso está o relógio de {name}?</translation>
    </message>
    <message>
        <source>Customer&apos;s time</source>
        <translation>Horário do cliente</translation>
    </message>
    <message>
        <source>Set time zone…</source>
        <translation>Definir fuso horário…</translation>
    </message>
    <message>
        <source>Set the customer&apos;s time zone</source>
        <translation>Definir o fuso horário do cliente</translation>
    </message>
    <message>
        <source>Set…</source>
        <translation>Definir…</translation>
    </message>
    <message>
        <source>Customer&apos;s time unknown</source>
        <translation>Horário do cliente desconhecido</translation>
    </message>
    <message>
        <source>Customer&apos;s time: several zones possible</source>
        <translation>Horário do cliente: vários fusos possíveis</translation>
    </message>
    <message>
        <source>{time} for {name} ({place})</source>
        <translation>{time} para {name} ({place})</translation>
    </message>
    <message>
        <source>The customer&apos;s time zone is kept here but could not be written to the contact in Chatwoot: {reason}</source>
        <translation>O fuso horário do cliente fica guardado aqui, mas não pôde ser gravado no contato no Chatwoot: {reason}</translation>
    </message>
</context>
</TS>

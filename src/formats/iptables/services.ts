/**
 * Ports and services: the service names iptables resolves in `--dport ssh`, and the services
 * the hardening guides name.
 *
 * iptables resolves a port name with getservbyname(3), that is through `/etc/services` of
 * the machine that loads the rules. The table below is that file as Debian's `netbase` 6.4
 * ships it (Debian 12), TCP and UDP entries with their aliases; a name it lacks is a port
 * the semantics cannot tell, and every check treats it as "maybe".
 */

/** A transport protocol with ports. */
export type PortProtocol = 'tcp' | 'udp'

/**
 * netbase 6.4's `/etc/services`, TCP and UDP: `name/port` for both protocols, `name/port/t`
 * for TCP only, `name/port/u` for UDP only. Aliases are names of their own.
 */
const NETBASE =
  'Clearcase/371/u acr-nema/104/t afpovertcp/548/t afs3-bos/7007/u afs3-callback/7001/u ' +
  'afs3-fileserver/7000/u afs3-kaserver/7004/u afs3-prserver/7002/u afs3-rmtsys/7009/u ' +
  'afs3-update/7008/u afs3-vlserver/7003/u afs3-volser/7005/u amanda/10080/t amandaidx/10082/t ' +
  'amidxtape/10083/t amqp/5672/t amqps/5671/t asf-rmcp/623/u asp/27374 auth/113/t ' +
  'authentication/113/t babel/6696/u bacula-dir/9101/t bacula-fd/9102/t bacula-sd/9103/t ' +
  'bbs/7000/t bgp/179/t bgpd/2605/t biff/512/u binkp/24554/t bootpc/68/u bootps/67/u canna/5680/t ' +
  'cfengine/5308/t chargen/19 cisco-sccp/2000/t clc-build-daemon/8990/t clearcase/371/u cmd/514/t ' +
  'cmip-agent/164 cmip-man/163 codaauth2/370 codasrv/2432 codasrv-se/2433 comsat/512/u ' +
  'csync2/30865/t cvspserver/2401/t daap/3689/t datametrics/1645 daytime/13 db-lsp/17500/t ' +
  'dcap/22125/t dhcpv6-client/546/u dhcpv6-server/547/u dicom/104/t dict/2628/t dircproxy/57000/t ' +
  'discard/9 distcc/3632/t domain/53 domain-s/853 echo/7 epmap/135/t epmd/4369/t exec/512/t ' +
  'f5-globalsite/2792/t f5-iquery/4353/t fax/4557/t fido/60179/t finger/79/t font-service/7100/t ' +
  'freeciv/5556/t fsp/21/u fspd/21/u ftp/21/t ftp-data/20/t ftps/990/t ftps-data/989/t gdomap/538 ' +
  'gds-db/3050/t gds_db/3050/t git/9418/t gnunet/2086 gnutella-rtr/6347 gnutella-svc/6346 ' +
  'gopher/70/t gpsd/2947/t gris/2135/t groupwise/1677/t gsidcap/22128/t gsiftp/2811/t ' +
  'gsigatekeeper/2119/t hkp/11371/t hprop/754/t http/80/t http-alt/8080/t https/443 hylafax/4559/t ' +
  'iax/4569/u icp/3130/u icpv2/3130/u ident/113/t imap/143/t imap2/143/t imaps/993/t ' +
  'ingreslock/1524/t ipp/631/t iprop/2121/t ipsec-nat-t/4500/u ipx/213/u ircd/6667/t ircs-u/6697/t ' +
  'isakmp/500/u iscsi-target/3260/t isisd/2608/t isns/3205 iso-tsap/102/t jabber-client/5222/t ' +
  'jabber-server/5269/t kamanda/10081/t kdc/750 kerberos/88 kerberos-adm/749/t kerberos-iv/750 ' +
  'kerberos-master/751 kerberos-sec/88 kerberos4/750 kerberos5/88 kerberos_master/751/u ' +
  'kermit/1649/t klogin/543/t kpasswd/464 krb-prop/754/t krb5/88 krb5_prop/754/t krb_prop/754/t ' +
  'krcmd/544/t kshell/544/t l2f/1701/u l2tp/1701/u ldap/389 ldaps/636 ldp/646 loc-srv/135/t ' +
  'login/513/t lotusnote/1352/t lotusnotes/1352/t lrrd/4949/t mail/25/t mailq/174/t mdns/5353/u ' +
  'microsoft-ds/445/t moira-db/775/t moira-update/777/t moira-ureg/779/u moira_db/775/t ' +
  'moira_update/777/t moira_ureg/779/u mon/2583 ms-sql-m/1434/u ms-sql-s/1433/t ' +
  'ms-wbt-server/3389/t mtn/4691/t munin/4949/t mysql/3306/t mysql-proxy/6446/t nbd/10809/t ' +
  'netbios-dgm/138/u netbios-ns/137/u netbios-ssn/139/t netstat/15/t nfs/2049 nicname/43/t ' +
  'nntp/119/t nntps/563/t nqs/607/t nrpe/5666/t nsca/5667/t ntalk/518/u ntp/123/u ntske/4460/t ' +
  'null/9 nut/3493 old-radacct/1646 old-radius/1645 omniorb/8088/t openvpn/1194 ospf6d/2606/t ' +
  'ospfapi/2607/t ospfd/2604/t passwd-server/752/u passwd_server/752/u pawserv/345/t pop-3/110/t ' +
  'pop3/110/t pop3s/995/t poppassd/106/t portmapper/111 postgres/5432/t postgresql/5432/t ' +
  'predict/1210/u printer/515/t proofd/1093/t ptp-event/319/u ptp-general/320/u puppet/8140/t ' +
  'qmqp/628/t qmtp/209/t qotd/17/t quote/17/t radacct/1813 radius/1812 radius-acct/1813 ' +
  'radmin-port/4899/t readnews/119/t redis/6379/t remctl/4373/t ripd/2602/t ripngd/2603/t ' +
  'rmiregistry/1099/t rmtcfg/1236/t rootd/1094/t route/520/u routed/520/u router/520/u ' +
  'rpc2portmap/369 rplay/5555/u rptp/5556/t rsync/873/t rtcm-sc104/2101 rtsp/554 sa-msg-port/1646 ' +
  'saft/487/t sane/6566/t sane-port/6566/t saned/6566/t sge-execd/6445/t sge-qmaster/6444/t ' +
  'sge_execd/6445/t sge_qmaster/6444/t sgi-cad/17004/t sgi-cmsd/17001/u sgi-crsd/17002/u ' +
  'sgi-gcd/17003/u shell/514/t sieve/4190/t silc/706/t sink/9 sip/5060 sip-tls/5061 skkserv/1178/t ' +
  'smtp/25/t smtps/465/t smux/199/t snmp/161 snmp-trap/162 snmptrap/162 snntp/563/t snpp/444/t ' +
  'socks/1080/t source/19 spamd/783/t spooler/515/t ssh/22/t ssmtp/465/t submission/587/t ' +
  'submissions/465/t subversion/3690/t sunrpc/111 supfiledbg/1127/t supfilesrv/871/t suucp/4031/t ' +
  'svn/3690/t svrloc/427 syslog/514 syslog-tls/6514/t sysrqd/4094/t systat/11/t tacacs/49 ' +
  'talk/517/u tap/113/t tcpmux/1/t telnet/23/t telnets/992/t tfido/60177/t tftp/69/u time/37 ' +
  'timserver/37 tinc/655 tproxy/8081/t tsap/102/t ttytst/19 untp/119/t urd/465/t users/11/t ' +
  'uucp/540/t uucpd/540/t venus/2430 venus-se/2431 wais/210/t webcache/8080/t webmin/10000/t ' +
  'who/513/u whod/513/u whois/43/t wnn6/22273/t www/80/t x11/6000/t x11-0/6000/t x11-1/6001/t ' +
  'x11-2/6002/t x11-3/6003/t x11-4/6004/t x11-5/6005/t x11-6/6006/t x11-7/6007/t xdmcp/177/u ' +
  'xfs/7100/t xinetd/9098/t xmms2/9667/t xmpp-client/5222/t xmpp-server/5269/t xtel/1313/t ' +
  'xtelw/1314/t z3950/210/t zabbix-agent/10050/t zabbix-trapper/10051/t zebra/2601/t ' +
  'zebrasrv/2600/t zephyr-clt/2103/u zephyr-hm/2104/u zephyr-srv/2102/u zope/9673/t ' +
  'zope-ftp/8021/t zserv/346/t'

const servicePorts = new Map<string, number>()
for (const entry of NETBASE.split(' ')) {
  const [name, port, only] = entry.split('/')
  for (const protocol of ['tcp', 'udp'] as const) {
    if (only === undefined || only === protocol[0]) servicePorts.set(`${protocol}/${name}`, Number(port))
  }
}

/**
 * The port of a service name, as getservbyname(3) finds it in Debian's `/etc/services`.
 *
 * @param name the name (`ssh`), case-sensitive as the file is
 * @param protocol the protocol it is looked up for (iptables asks for the rule's protocol)
 * @returns the port, or undefined when the name is not in the table
 */
export function servicePort(name: string, protocol: PortProtocol): number | undefined {
  return servicePorts.get(`${protocol}/${name}`)
}

/** A service, by the ports it listens on. */
export interface Service {
  /** What people call it: `SSH`, `MySQL`. */
  title: string
  protocol: PortProtocol
  /** Inclusive port ranges. */
  ports: ReadonlyArray<readonly [number, number]>
}

/** `TCP 22`, `TCP 5900-5906`, `UDP 53`. */
export function describePorts(service: Pick<Service, 'protocol' | 'ports'>): string {
  const ports = service.ports.map(([from, to]) => (from === to ? String(from) : `${from}-${to}`)).join(', ')
  return `${service.protocol.toUpperCase()} ${ports}`
}

/** `MySQL (TCP 3306)`. */
export function describeService(service: Service): string {
  return `${service.title} (${describePorts(service)})`
}

const tcp = (title: string, ...ports: Array<number | readonly [number, number]>): Service => ({
  title,
  protocol: 'tcp',
  ports: ports.map((p) => (typeof p === 'number' ? ([p, p] as const) : p)),
})
const udp = (title: string, ...ports: Array<number | readonly [number, number]>): Service => ({...tcp(title, ...ports), protocol: 'udp'})

/**
 * Services that must not face the internet. The first ones are those the Alliance's guide
 * names ("These services aren't meant to be publicly accessible: ssh (22), RDP (3389),
 * mysql (3306), VNC (5900-5906), postgresql (5432), nosql, tomcat, ... many, many others");
 * Sikt's adds "never expose ports used for remote management on the public internet". The
 * rest are the usual NoSQL stores, database and file-sharing ports, and management APIs
 * that give away a host when reachable.
 */
export const SENSITIVE_SERVICES: readonly Service[] = [
  tcp('SSH', 22),
  tcp('RDP', 3389),
  udp('RDP', 3389),
  tcp('VNC', [5900, 5906]),
  tcp('MySQL', 3306),
  tcp('PostgreSQL', 5432),
  tcp('Telnet', 23),
  tcp('Microsoft SQL Server', 1433),
  tcp('Oracle database', 1521),
  tcp('MongoDB', [27017, 27019]),
  tcp('Redis', 6379),
  tcp('Memcached', 11211),
  udp('Memcached', 11211),
  tcp('Elasticsearch', 9200, 9300),
  tcp('CouchDB', 5984),
  tcp('Cassandra', 9042),
  tcp('Tomcat', 8080),
  tcp('Tomcat AJP', 8009),
  tcp('Tomcat shutdown port', 8005),
  tcp('SMB', 139, 445),
  tcp('NFS', 2049),
  udp('NFS', 2049),
  tcp('rpcbind', 111),
  udp('rpcbind', 111),
  tcp('Docker API', [2375, 2376]),
  tcp('etcd', [2379, 2380]),
  tcp('kubelet', 10250),
  tcp('X11', [6000, 6007]),
]

/**
 * Services that are often meant to face the internet (the guide: "Apache (80, 443), Nginx
 * (80, 443)"), and that a default DROP would close all the same unless a rule accepts them.
 */
export const PUBLIC_SERVICES: readonly Service[] = [
  tcp('HTTP', 80),
  tcp('HTTPS', 443),
  udp('HTTP/3', 443),
  tcp('SMTP', 25),
  tcp('SMTP submission', 465, 587),
  tcp('IMAP', 143, 993),
  tcp('POP3', 110, 995),
  tcp('DNS', 53),
  udp('DNS', 53),
  udp('NTP', 123),
  tcp('FTP', 21),
  udp('OpenVPN', 1194),
  udp('WireGuard', 51820),
  tcp('LDAP', 389, 636),
  udp('SNMP', 161),
]

/**
 * Reads a service as the settings and options write it: `tcp/80`, `udp/53`, `tcp/8000:8010`,
 * `tcp/ssh`.
 *
 * @param text the service
 * @returns the service, titled by its text, or undefined when it cannot be read
 */
export function parseServiceSpec(text: string): Service | undefined {
  const match = /^(tcp|udp)\/([A-Za-z0-9-]+|\d+:\d+)$/.exec(text.trim())
  if (match === null) return undefined
  const protocol = match[1] as PortProtocol
  const value = match[2]!
  const range = /^(\d+):(\d+)$/.exec(value)
  if (range !== null) {
    const from = Number(range[1])
    const to = Number(range[2])
    return from <= to && to <= 65535 ? {title: text.trim(), protocol, ports: [[from, to]]} : undefined
  }
  const port = /^\d+$/.test(value) ? Number(value) : servicePort(value, protocol)
  return port !== undefined && port <= 65535 ? {title: text.trim(), protocol, ports: [[port, port]]} : undefined
}

/** The pattern a service setting or option must match (checked again by {@link parseServiceSpec}). */
export const SERVICE_SPEC = /^(tcp|udp)\/([A-Za-z0-9-]+|\d+:\d+)$/

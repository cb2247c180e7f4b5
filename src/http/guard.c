/*
 * guard.c — keeps one client from holding every connection (issue #9 item 7).
 * libmicrohttpd asks accept_ok before it takes a connection, and tells
 * connection_event when one starts and closes; the guard counts connections
 * per client address and in all, and a sweeper thread ends connections that
 * have not sent a complete request within the header time:
 *   - an address holds at most per_ip connections (0: no limit; behind a
 *     proxy every client has the proxy's address, and the proxy limits);
 *   - the last `reserve` connections of max_conns go only to addresses that
 *     hold fewer than RESERVE_PER_ADDRESS, so a flood from a few addresses
 *     leaves room for everyone else;
 *   - a connection must send its first request's headers within
 *     header_timeout seconds, however slowly it trickles them (a "slowloris"
 *     that sends a header line every few seconds never goes idle, so the idle
 *     timeout alone would never end it).
 * The sweeper calls shutdown() on such a socket: libmicrohttpd sees the end
 * of the stream and closes it. It does so under the guard's lock, and
 * libmicrohttpd reports a connection closed (which takes the same lock)
 * before it closes its descriptor, so the descriptor is still the
 * connection's own.
 */
#include "server.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define GUARD_BUCKETS 4096
/* In the reserve, an address may hold this many: a browser opens a few at
 * once, and the last one may not be closed yet when the next request comes. */
#define RESERVE_PER_ADDRESS 4

struct ip_count {
	uint32_t ip;          /* IPv4 address, network order */
	unsigned n;           /* connections it holds */
	struct ip_count *next;/* in its bucket */
};

/* One connection (libmicrohttpd's socket context). */
struct guard_conn {
	uint32_t ip;                    /* client address */
	bool v4;                        /* counted by address */
	int fd;                         /* its socket */
	time_t started;                 /* monotonic seconds */
	atomic_bool headers;            /* a request's headers arrived */
	struct guard_conn *prev, *next; /* in the list of those still waiting for headers */
};

static struct {
	pthread_mutex_t mu;
	struct ip_count *bucket[GUARD_BUCKETS];
	unsigned total;                 /* connections open */
	struct guard_conn *waiting;     /* no complete request yet, oldest last */
	struct conn_limits lim;
	pthread_t sweeper;
	atomic_bool stop;
	_Atomic uint64_t refused, timed_out;
} g = {.mu = PTHREAD_MUTEX_INITIALIZER};

static time_t mono_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec;
}

static struct ip_count **slot(uint32_t ip)
{
	uint32_t h = ip * 2654435761u;
	struct ip_count **p = &g.bucket[h >> 20 & (GUARD_BUCKETS - 1)];
	while (*p && (*p)->ip != ip)
		p = &(*p)->next;
	return p;
}

/* Connections an address holds; with g.mu held. */
static unsigned held(uint32_t ip)
{
	struct ip_count *c = *slot(ip);
	return c ? c->n : 0;
}

static bool v4_of(const struct sockaddr *sa, uint32_t *ip)
{
	if (!sa || sa->sa_family != AF_INET)
		return false;
	*ip = ((const struct sockaddr_in *)sa)->sin_addr.s_addr;
	return true;
}

enum MHD_Result guard_accept_ok(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	(void)cls;
	(void)addrlen;
	uint32_t ip;
	if (!v4_of(addr, &ip))
		return MHD_YES;
	pthread_mutex_lock(&g.mu);
	unsigned n = held(ip);
	bool ok = g.total < g.lim.max_conns && (!g.lim.per_ip || n < g.lim.per_ip) &&
		  (g.total + g.lim.reserve < g.lim.max_conns || n < RESERVE_PER_ADDRESS);
	pthread_mutex_unlock(&g.mu);
	if (!ok) {
		atomic_fetch_add(&g.refused, 1);
		char a[INET_ADDRSTRLEN];
		log_msg(LOG_DEBUG, "guard: refused %s (holds %u, %u open)", inet_ntop(AF_INET, &ip, a, sizeof a) ? a : "?", n,
			g.total);
	}
	return ok ? MHD_YES : MHD_NO;
}

void guard_connection_event(void *cls, struct MHD_Connection *conn, void **socket_context,
			    enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		struct guard_conn *c = xcalloc(1, sizeof *c);
		const union MHD_ConnectionInfo *fi = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		const union MHD_ConnectionInfo *ai = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		c->fd = fi ? fi->connect_fd : -1;
		c->v4 = ai && v4_of(ai->client_addr, &c->ip);
		c->started = mono_now();
		pthread_mutex_lock(&g.mu);
		g.total++;
		if (c->v4) {
			struct ip_count **p = slot(c->ip);
			if (!*p) {
				*p = xcalloc(1, sizeof **p);
				(*p)->ip = c->ip;
			}
			(*p)->n++;
		}
		c->next = g.waiting;
		if (g.waiting)
			g.waiting->prev = c;
		g.waiting = c;
		pthread_mutex_unlock(&g.mu);
		*socket_context = c;
		return;
	}
	struct guard_conn *c = *socket_context;
	if (code != MHD_CONNECTION_NOTIFY_CLOSED || !c)
		return;
	*socket_context = NULL;
	pthread_mutex_lock(&g.mu);
	g.total--;
	if (c->v4) {
		struct ip_count **p = slot(c->ip);
		if (*p && !--(*p)->n) {
			struct ip_count *dead = *p;
			*p = dead->next;
			free(dead);
		}
	}
	if (!atomic_load(&c->headers)) {
		if (c->prev)
			c->prev->next = c->next;
		else if (g.waiting == c)
			g.waiting = c->next;
		if (c->next)
			c->next->prev = c->prev;
	}
	pthread_mutex_unlock(&g.mu);
	free(c);
}

void guard_headers_arrived(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *i = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct guard_conn *c = i ? i->socket_context : NULL;
	if (!c || atomic_load(&c->headers))
		return;
	pthread_mutex_lock(&g.mu);
	if (!atomic_load(&c->headers)) {
		if (c->prev)
			c->prev->next = c->next;
		else if (g.waiting == c)
			g.waiting = c->next;
		if (c->next)
			c->next->prev = c->prev;
		c->prev = c->next = NULL;
		atomic_store(&c->headers, true);
	}
	pthread_mutex_unlock(&g.mu);
}

/* Once a second: the connections past their header time are shut down. */
static void *sweep(void *arg)
{
	(void)arg;
	while (!atomic_load(&g.stop)) {
		sleep(1);
		time_t now = mono_now();
		pthread_mutex_lock(&g.mu);
		for (struct guard_conn *c = g.waiting, *next; c; c = next) {
			next = c->next;
			if (now - c->started < (time_t)g.lim.header_timeout)
				continue;
			if (c->fd >= 0)
				shutdown(c->fd, SHUT_RDWR);
			/* out of the list, so it is ended once; freed when it closes */
			if (c->prev)
				c->prev->next = c->next;
			else
				g.waiting = c->next;
			if (c->next)
				c->next->prev = c->prev;
			c->prev = c->next = NULL;
			atomic_store(&c->headers, true);
			atomic_fetch_add(&g.timed_out, 1);
		}
		pthread_mutex_unlock(&g.mu);
	}
	return NULL;
}

void guard_start(const struct conn_limits *lim)
{
	g.lim = *lim;
	atomic_store(&g.stop, false);
	if (lim->header_timeout && pthread_create(&g.sweeper, NULL, sweep, NULL) == 0)
		return;
	g.lim.header_timeout = 0;
}

void guard_stop(void)
{
	atomic_store(&g.stop, true);
	if (g.lim.header_timeout)
		pthread_join(g.sweeper, NULL);
}

void guard_stats(uint64_t *open, uint64_t *refused, uint64_t *timed_out)
{
	pthread_mutex_lock(&g.mu);
	*open = g.total;
	pthread_mutex_unlock(&g.mu);
	*refused = atomic_load(&g.refused);
	*timed_out = atomic_load(&g.timed_out);
}

// The floor for the benchmark workload: raw syscalls and rtnetlink in C, no library. One
// iteration creates two namespaces with lo up, one veth across them, four addresses, sets the
// links up, makes one TCP connect over IPv4 and tears everything down.
//
// With --link-requests it also sends one RTM_GETLINK for each veth end once both are up, the
// per-device request with which the library makes the kernel finish bringing a link up. Without
// it, a few percent of iterations lose their first SYN and wait 1 s for the retransmission.
//
//   cc -O2 -o netns_floor netns_floor.c && ./netns_floor 1000 [--link-requests]
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct request { struct nlmsghdr h; char data[1024]; };

static void add_attr(struct nlmsghdr *h, int type, const void *data, int len) {
    struct rtattr *rta = (struct rtattr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len));
    rta->rta_type = type;
    rta->rta_len = RTA_LENGTH(len);
    if (len) memcpy(RTA_DATA(rta), data, len);
    h->nlmsg_len = NLMSG_ALIGN(h->nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

static struct rtattr *begin_nest(struct nlmsghdr *h, int type) {
    struct rtattr *nest = (struct rtattr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len));
    add_attr(h, type, NULL, 0);
    return nest;
}

static void end_nest(struct nlmsghdr *h, struct rtattr *nest) {
    nest->rta_len = (char *)h + h->nlmsg_len - (char *)nest;
}

static void talk(int fd, struct nlmsghdr *h) {
    static unsigned seq;
    char buffer[8192];
    h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
    h->nlmsg_seq = ++seq;
    if (send(fd, h, h->nlmsg_len, 0) < 0) { perror("send"); exit(1); }
    if (recv(fd, buffer, sizeof buffer, 0) < 0) { perror("recv"); exit(1); }
    struct nlmsgerr *err = NLMSG_DATA((struct nlmsghdr *)buffer);
    if (err->error) { fprintf(stderr, "netlink: %s\n", strerror(-err->error)); exit(1); }
}

static void link_up(int fd, const char *name) {
    struct request r = { .h = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)), .nlmsg_type = RTM_NEWLINK } };
    struct ifinfomsg *ifi = NLMSG_DATA(&r.h);
    ifi->ifi_flags = IFF_UP;
    ifi->ifi_change = IFF_UP;
    add_attr(&r.h, IFLA_IFNAME, name, strlen(name) + 1);
    talk(fd, &r.h);
}

static void add_address(int fd, int family, const char *text, int prefix) {
    struct request r = { .h = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg)), .nlmsg_type = RTM_NEWADDR,
                                .nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL } };
    struct ifaddrmsg *ifa = NLMSG_DATA(&r.h);
    unsigned char address[16];
    inet_pton(family, text, address);
    ifa->ifa_family = family;
    ifa->ifa_prefixlen = prefix;
    ifa->ifa_flags = family == AF_INET6 ? IFA_F_NODAD : 0;
    ifa->ifa_index = if_nametoindex("veth0");
    int length = family == AF_INET6 ? 16 : 4;
    add_attr(&r.h, IFA_LOCAL, address, length);
    add_attr(&r.h, IFA_ADDRESS, address, length);
    talk(fd, &r.h);
}

static void get_link(int fd, const char *name) {
    struct request r = { .h = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)), .nlmsg_type = RTM_GETLINK,
                                .nlmsg_flags = NLM_F_REQUEST } };
    char buffer[8192];
    add_attr(&r.h, IFLA_IFNAME, name, strlen(name) + 1);
    if (send(fd, &r.h, r.h.nlmsg_len, 0) < 0) { perror("send"); exit(1); }
    if (recv(fd, buffer, sizeof buffer, 0) < 0) { perror("recv"); exit(1); }
}

static int open_netlink(void) {
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    struct sockaddr_nl local = { .nl_family = AF_NETLINK };
    bind(fd, (struct sockaddr *)&local, sizeof local);
    return fd;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    int iterations = argc > 1 ? atoi(argv[1]) : 1000;
    int link_requests = argc > 2 && strcmp(argv[2], "--link-requests") == 0;
    double *samples = calloc(iterations, sizeof(double));
    double *creating = calloc(iterations, sizeof(double));
    int host = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    for (int i = -50; i < iterations; i++) {
        double started = now_ms();
        unshare(CLONE_NEWNET);
        int ns1 = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
        int nl1 = open_netlink();
        link_up(nl1, "lo");
        unshare(CLONE_NEWNET);
        int ns2 = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
        int nl2 = open_netlink();
        link_up(nl2, "lo");

        if (i >= 0) creating[i] = now_ms() - started;

        // The veth is created through ns1's socket with its peer directly in ns2.
        struct request r = { .h = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)), .nlmsg_type = RTM_NEWLINK,
                                    .nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL } };
        add_attr(&r.h, IFLA_IFNAME, "veth0", 6);
        struct rtattr *info = begin_nest(&r.h, IFLA_LINKINFO);
        add_attr(&r.h, IFLA_INFO_KIND, "veth", 5);
        struct rtattr *data = begin_nest(&r.h, IFLA_INFO_DATA);
        struct rtattr *peer = begin_nest(&r.h, VETH_INFO_PEER);
        r.h.nlmsg_len += sizeof(struct ifinfomsg);
        add_attr(&r.h, IFLA_IFNAME, "veth0", 6);
        add_attr(&r.h, IFLA_NET_NS_FD, &ns2, 4);
        end_nest(&r.h, peer);
        end_nest(&r.h, data);
        end_nest(&r.h, info);
        talk(nl1, &r.h);

        // This thread is in ns2 now: if_nametoindex resolves ns2's veth0.
        link_up(nl2, "veth0");
        add_address(nl2, AF_INET, "198.18.0.2", 24);
        add_address(nl2, AF_INET6, "fd5e:7e57::2", 64);
        struct sockaddr_in server = { .sin_family = AF_INET, .sin_port = htons(9000) };
        inet_pton(AF_INET, "198.18.0.2", &server.sin_addr);
        int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        bind(listener, (struct sockaddr *)&server, sizeof server);
        listen(listener, 1);

        setns(ns1, CLONE_NEWNET);
        link_up(nl1, "veth0");
        add_address(nl1, AF_INET, "198.18.0.1", 24);
        add_address(nl1, AF_INET6, "fd5e:7e57::1", 64);
        if (link_requests) {
            get_link(nl1, "veth0");
            get_link(nl2, "veth0");
        }
        int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (connect(client, (struct sockaddr *)&server, sizeof server) != 0) { perror("connect"); return 1; }
        int accepted = accept(listener, NULL, NULL);

        close(accepted);
        close(client);
        close(listener);
        close(nl1);
        close(nl2);
        close(ns1);
        close(ns2);
        setns(host, CLONE_NEWNET);
        if (i >= 0) samples[i] = now_ms() - started;
    }

    qsort(samples, iterations, sizeof(double), compare);
    qsort(creating, iterations, sizeof(double), compare);
    printf("creating both namespaces with lo up: median %.3f ms\n", creating[iterations / 2]);
    printf("%d iterations (C floor%s, IPv4 connect): median %.3f ms, p10 %.3f ms, p90 %.3f ms, p99 %.3f ms\n", iterations,
           link_requests ? " with link requests" : "", samples[iterations / 2], samples[iterations / 10], samples[iterations * 9 / 10], samples[iterations * 99 / 100]);
    return 0;
}

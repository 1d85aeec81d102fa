// bench/addons: how long the Postgres provider takes to start its cluster (cold: initdb and
// start; warm: start of an existing cluster) and to provision a database on a running cluster,
// against one psql round trip (`select 1`) as the yardstick, measured in the same run.
// Usage: bench-pgprovision [rounds, default 15]. Prints a Markdown table.
#include "addons/postgres/postgrescluster.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace dynodesk::addons::postgres;

static double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

static double timed(const std::function<bool()> &f)
{
    QElapsedTimer t;
    t.start();
    if (!f()) {
        std::fprintf(stderr, "a step failed\n");
        std::exit(1);
    }
    return t.nsecsElapsed() / 1e6;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(3, atoi(argv[1])) : 15;
    auto bins = Binaries::find();
    if (!bins) {
        std::fprintf(stderr, "%s\n", bins.error().message.c_str());
        return 1;
    }
    QTemporaryDir tmp;
    chmod(QFile::encodeName(tmp.path()).constData(), 0711);
    std::vector<double> cold, warm, provision, roundTrip;
    const int coldRounds = std::min(rounds, 3);
    for (int i = 0; i < coldRounds; ++i) {
        PostgresCluster c(tmp.filePath(QStringLiteral("cold%1").arg(i)), *bins);
        cold.push_back(timed([&] { return c.start().ok(); }));
        (void)c.stop();
        warm.push_back(timed([&] { return c.start().ok(); }));
        (void)c.stop();
    }
    PostgresCluster cluster(tmp.filePath(QStringLiteral("main")), *bins);
    if (!cluster.start().ok())
        return 1;
    for (int i = 0; i < rounds; ++i) {
        roundTrip.push_back(timed([&] { return cluster.query(QStringLiteral("select 1")).ok(); }));
        provision.push_back(timed([&] { return cluster.createDatabase(QStringLiteral("dbench%1").arg(i), 20).ok(); }));
    }
    const double yard = median(roundTrip);
    std::printf("| measurement | median ms | ratio to one psql round trip |\n|---|---|---|\n");
    std::printf("| psql `select 1` round trip (yardstick), %d rounds | %.1f | 1.0 |\n", rounds, yard);
    std::printf("| provision a database + role on a running cluster, %d rounds | %.1f | %.1f |\n", rounds, median(provision),
                median(provision) / yard);
    std::printf("| cluster cold start (initdb + start), %d rounds | %.1f | %.1f |\n", coldRounds, median(cold), median(cold) / yard);
    std::printf("| cluster warm start (existing data dir), %d rounds | %.1f | %.1f |\n", coldRounds, median(warm), median(warm) / yard);
    return 0;
}

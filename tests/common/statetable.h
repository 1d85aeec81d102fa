#pragma once

// A state machine's table for a data-driven test: one row per state and input, with the next
// state or none when the input does not apply. The machine's namespace gives toString().
#include <QTest>

#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace dynodesk::test {

template<typename State, typename Input>
struct StateRow {
    State from;
    Input input;
    std::optional<State> to;
};

// Adds the columns `from`, `input` and `to` (-1: does not apply) and one row per table row.
template<typename State, typename Input>
void addStateRows(const std::vector<StateRow<State, Input>> &rows)
{
    QTest::addColumn<State>("from");
    QTest::addColumn<Input>("input");
    QTest::addColumn<int>("to");
    for (const auto &r : rows)
        QTest::addRow("%s + %s", toString(r.from).data(), toString(r.input).data())
                << r.from << r.input << (r.to ? static_cast<int>(*r.to) : -1);
}

// Checks the current row against the machine's `transition`.
template<typename State, typename Input>
void checkStateRow(std::optional<State> (*transition)(State, Input))
{
    QFETCH(State, from);
    QFETCH(Input, input);
    QFETCH(int, to);
    const std::optional<State> next = transition(from, input);
    if (to < 0)
        QVERIFY2(!next, next ? toString(*next).data() : "");
    else
        QCOMPARE(next ? static_cast<int>(*next) : -1, to);
}

// Whether the table has exactly one row for each of the states × inputs pairs.
template<typename State, typename Input>
bool coversEveryPair(const std::vector<StateRow<State, Input>> &rows, int states, int inputs)
{
    std::set<std::pair<int, int>> pairs;
    for (const auto &r : rows)
        pairs.insert({static_cast<int>(r.from), static_cast<int>(r.input)});
    return static_cast<int>(rows.size()) == states * inputs && static_cast<int>(pairs.size()) == states * inputs;
}

} // namespace dynodesk::test

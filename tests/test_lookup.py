import networkx as nx
import pytest

from graphcrm.errors import AmbiguousName, LookupFailed
from graphcrm.lookup import find_person, find_project


@pytest.fixture
def G():
    G = nx.MultiDiGraph(projects={"P1": {"id": "P1", "name": "储能监控"}})
    G.add_node("p1", name="王建国", org_name="东方")
    G.add_node("p2", name="Li Na", org_name="东方")
    G.add_node("p3", name="li na", org_name="滨海")
    G.add_node("p4", name="Ana", org_name="Metro")
    G.add_node("p5", name="Ana", org_name="Rival")
    return G


def test_by_id_exact_name_and_folded_name(G):
    assert find_person(G.nodes, "p1") == "p1"
    assert find_person(G.nodes, "王建国") == "p1"
    assert find_person(G.nodes, "Li Na") == "p2"  # exact beats case-insensitive
    G.add_node("p6", name="Carlos Ruiz", org_name="Metro")
    assert find_person(G.nodes, "ＣＡＲＬＯＳ ｒｕｉｚ") == "p6"  # full-width, as IMEs type it


def test_ambiguous_names_list_the_candidates(G):
    with pytest.raises(AmbiguousName) as info:
        find_person(G.nodes, "ana")
    assert info.value.candidates == [("p4", "Ana", "Metro"), ("p5", "Ana", "Rival")]
    assert "give the id" in str(info.value) and "ana（part of the organization）" in str(info.value)
    with pytest.raises(AmbiguousName):
        find_person(G.nodes, "LI NA")  # two case-insensitive matches


def test_unknown(G):
    with pytest.raises(LookupFailed, match="nobody called 'Zhang'"):
        find_person(G.nodes, "Zhang")


def test_projects(G):
    projects = G.graph["projects"].values()
    assert find_project(projects, "P1") == find_project(projects, "储能监控") == "P1"
    with pytest.raises(LookupFailed, match=r"projects: P1"):
        find_project(projects, "P2")


def test_people_called_by_surname_and_title():
    """刘总, 王处, 张工 (issue 23, 4): the one person whose surname and title fit; several
    are listed; a real name wins."""
    people = {"a": {"name": "刘洪涛", "title": "总经理", "org_name": "国网"},
              "b": {"name": "刘洋", "title": "采购部经理", "org_name": "国网"},
              "c": {"name": "王建", "title": "调度处处长", "org_name": "国网"},
              "d": {"name": "王立", "title": "网络安全处处长", "org_name": "国网"},
              "e": {"name": "张伟", "title": "高级工程师", "org_name": "设计院"}}
    assert find_person(people, "刘总") == "a" and find_person(people, "张工") == "e"
    with pytest.raises(AmbiguousName) as both:
        find_person(people, "王处")
    assert [c[0] for c in both.value.candidates] == ["c", "d"]
    with pytest.raises(LookupFailed, match="nobody called '赵总'"):
        find_person(people, "赵总")
    people["f"] = {"name": "王处", "title": "", "org_name": "x"}
    assert find_person(people, "王处") == "f"

/// The schema of the GraphML NewsGraph writes, compiled into the binary so that
/// `newsgraph validate` works wherever the binary is copied.
///
/// Generated from `schemas/newsgraph-graphml.xsd` by `scripts/embed-schema.py`;
/// a test checks that the two agree.
enum NewsGraphSchema {
  static let text = #"""
<?xml version="1.0" encoding="UTF-8"?>
<!--
  The GraphML that NewsGraph writes: a strict subset of GraphML 1.1.

  Every file that passes this schema also passes the official GraphML 1.1 schema
  (../shared/graphml-xsd/graphml.xsd). On top of it, this schema requires what the
  readers we care about need (spec/GRAPHML-CONSUMERS.md):
  - keys before the one graph, each with id, for (graph, node or edge), attr.name and
    attr.type (string, int, long, double or boolean only);
  - edgedefault on the graph; graph data, then nodes, then edges;
  - an id on every edge, unique; node ids unique; edge ends declared as nodes;
  - data only for declared keys, holding text only.
  A key's optional desc says "list of TYPE" when its values are lists (see README).
-->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:g="http://graphml.graphdrawing.org/xmlns"
           targetNamespace="http://graphml.graphdrawing.org/xmlns"
           elementFormDefault="qualified"
           attributeFormDefault="unqualified">

  <xs:simpleType name="key.for">
    <xs:restriction base="xs:NMTOKEN">
      <xs:enumeration value="graph"/>
      <xs:enumeration value="node"/>
      <xs:enumeration value="edge"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="key.type">
    <xs:restriction base="xs:NMTOKEN">
      <xs:enumeration value="string"/>
      <xs:enumeration value="int"/>
      <xs:enumeration value="long"/>
      <xs:enumeration value="double"/>
      <xs:enumeration value="boolean"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:complexType name="data.type">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="key" type="xs:NMTOKEN" use="required"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:element name="graphml">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="key" minOccurs="0" maxOccurs="unbounded">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="desc" type="xs:string" minOccurs="0"/>
            </xs:sequence>
            <xs:attribute name="id" type="xs:NMTOKEN" use="required"/>
            <xs:attribute name="for" type="g:key.for" use="required"/>
            <xs:attribute name="attr.name" type="xs:NMTOKEN" use="required"/>
            <xs:attribute name="attr.type" type="g:key.type" use="required"/>
          </xs:complexType>
        </xs:element>
        <xs:element name="graph">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="data" type="g:data.type" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="node" minOccurs="0" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="data" type="g:data.type" minOccurs="0" maxOccurs="unbounded"/>
                  </xs:sequence>
                  <xs:attribute name="id" type="xs:NMTOKEN" use="required"/>
                </xs:complexType>
              </xs:element>
              <xs:element name="edge" minOccurs="0" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="data" type="g:data.type" minOccurs="0" maxOccurs="unbounded"/>
                  </xs:sequence>
                  <xs:attribute name="id" type="xs:NMTOKEN" use="required"/>
                  <xs:attribute name="source" type="xs:NMTOKEN" use="required"/>
                  <xs:attribute name="target" type="xs:NMTOKEN" use="required"/>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="id" type="xs:NMTOKEN"/>
            <xs:attribute name="edgedefault" use="required">
              <xs:simpleType>
                <xs:restriction base="xs:NMTOKEN">
                  <xs:enumeration value="directed"/>
                  <xs:enumeration value="undirected"/>
                </xs:restriction>
              </xs:simpleType>
            </xs:attribute>
          </xs:complexType>
          <xs:key name="node_id">
            <xs:selector xpath="g:node"/>
            <xs:field xpath="@id"/>
          </xs:key>
          <xs:unique name="edge_id">
            <xs:selector xpath="g:edge"/>
            <xs:field xpath="@id"/>
          </xs:unique>
          <xs:keyref name="edge_source" refer="g:node_id">
            <xs:selector xpath="g:edge"/>
            <xs:field xpath="@source"/>
          </xs:keyref>
          <xs:keyref name="edge_target" refer="g:node_id">
            <xs:selector xpath="g:edge"/>
            <xs:field xpath="@target"/>
          </xs:keyref>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
    <xs:key name="key_id">
      <xs:selector xpath="g:key"/>
      <xs:field xpath="@id"/>
    </xs:key>
    <xs:keyref name="data_key" refer="g:key_id">
      <xs:selector xpath=".//g:data"/>
      <xs:field xpath="@key"/>
    </xs:keyref>
  </xs:element>
</xs:schema>

"""#
}

package com.acme;

public class Fine {
}
